"""Explicit dates in normalised Arabic and English text (`liqaa.dates.find_dates`)."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liqaa.dates import _PATTERNS, _WORD_PATTERNS, find_dates
from liqaa.kb.model import PartialDate
from liqaa.text import normalize

ARTICLE_DATE = dt.date(2025, 3, 13)   # a Thursday


def dates_in(text: str, document_date: dt.date | None = ARTICLE_DATE) -> list[str]:
    return [str(d.date) for d in find_dates(normalize(text), document_date)]


@pytest.mark.parametrize("text, expected", [
    ("التقى الرئيس نظيره في 12 مارس 2025 في موسكو", "2025-03-12"),
    ("التقى الرئيس نظيره في ١٢ آذار ٢٠٢٥", "2025-03-12"),                  # Arabic-Indic digits
    ("واجتمع الوزيران يوم 3/2/2025", "2025-02-03"),                       # day/month/year
    ("The leaders met on February 11, 2025 in Riyadh", "2025-02-11"),
    ("The leaders met on 11 February in Riyadh", "2025-02-11"),           # the article's year
    ("وصل الوفد في 14 رمضان 1446 هـ", "2025-03-14"),                        # Hijri
    ("The talks were held in 2023", "2023"),
    ("في سبتمبر/أيلول 2005 انسحبت إسرائيل من غزة", "2005-09"),               # a month named twice
])
def test_explicit_dates(text, expected):
    assert dates_in(text) == [expected]


# The article is dated Thursday 2025-03-13.
@pytest.mark.parametrize("text, expected", [
    ("استقبل الرئيس أمس المبعوث الأمريكي", "2025-03-12"),
    ("The envoy arrived in Moscow yesterday", "2025-03-12"),
    ("وسيلتقي الوزيران الاثنين المقبل", "2025-03-17"),
    ("They met last Monday", "2025-03-10"),
    ("ويلتقي الرئيسان غدا في الرياض", "2025-03-14"),
    ("The two leaders meet tomorrow in Riyadh", "2025-03-14"),
    ("يلتقي ترامب نتنياهو غدا الجمعة في البيت الأبيض", "2025-03-14"),
    # A weekday after اليوم names the day meant when the item's date is a day off.
    ("يلتقي الوزيران اليوم الجمعة في جدة", "2025-03-14"),
    ("استقبل الملك أمس الأربعاء الوفد", "2025-03-12"),
])
def test_relative_days_need_no_digit(text, expected):
    assert dates_in(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("الذي التقى الرئيس الإيراني في طهران الشهر الماضي", "2025-02"),
    ("Putin will visit India next month", "2025-04"),
    ("يعتزم زيارة بكين مطلع العام المقبل", "2026"),
    ("The two met last year in Jeddah", "2024"),
    ("The leaders are expected to meet in early September", "2025-09"),
    ("ومن المقرر أن يلتقيا في شهر مايو", "2025-05"),
    ("وكان قد زار موسكو في ديسمبر", "2024-12"),      # December read in March is last year's
])
def test_months_and_years_relative_to_the_article(text, expected):
    assert dates_in(text) == [expected]


@pytest.mark.parametrize("text", [
    "He may meet the envoy",                          # the verb, not the month
    "their third meeting this year",                  # counts meetings, dates none
    "خلال شهر رمضان",                                 # a Hijri month without a year
])
def test_phrases_that_are_not_dates(text):
    assert dates_in(text) == []


def test_relative_days_without_a_document_date_are_not_guessed():
    assert dates_in("استقبل الرئيس أمس المبعوث", document_date=None) == []


def test_a_text_without_digits_is_read_only_by_the_word_patterns():
    # find_dates skips the digit patterns when the text has no digit: every pattern
    # outside the word patterns must need one, or that shortcut would lose dates.
    for name, rx in _PATTERNS:
        if name in _WORD_PATTERNS:
            continue
        assert r"\d" in rx.pattern, name
    assert dates_in("وبحث الجانبان العلاقات الثنائية وسبل تعزيزها") == []


def test_a_border_year_is_not_a_date():
    assert dates_in("دعا إلى دولة فلسطينية على حدود عام 1967") == []


# --- the cheap look before the patterns ----------------------------------------------
# find_dates tries a pattern only where the words, digits and month names every match of
# it contains are in the text. These tests hold that look to being a shortcut: the same
# dates as trying every pattern, and fewer patterns tried on the sentences claims are in.

class _Spy:
    """A compiled pattern that notes its name when find_dates runs it."""

    def __init__(self, name, rx, tried):
        self.name, self.rx, self.tried = name, rx, tried

    def finditer(self, text):
        self.tried.append(self.name)
        return self.rx.finditer(text)


def _patterns_tried(monkeypatch, text: str) -> list[str]:
    import liqaa.dates as dates

    tried: list[str] = []
    monkeypatch.setattr(dates, "_PATTERNS", [(name, _Spy(name, rx, tried)) for name, rx in _PATTERNS])
    find_dates(normalize(text), ARTICLE_DATE)
    return tried


@pytest.mark.parametrize("text, not_tried", [
    # digits but no 19xx/20xx year: none of the patterns with a required year
    ("وقال 3 مسؤولين إن الاجتماع العام ناقش 12 ملفا", {"ymd", "dmy_num", "my", "year"}),
    # العام / الشهر without الماضي, المقبل, القادم (or year, month without last, next)
    ("وقال 3 مسؤولين إن الاجتماع العام للشهر ناقش الملف", {"rel_year", "rel_month"}),
    ("The general assembly of the year 2025 met this month", {"rel_year", "rel_month"}),
    # اب inside ابنه, ماي inside مايكل: a month name that a word goes on after
    ("التقى الرئيس أبو مازن وابنه مع مايكل", {"month", "mdy"}),
])
def test_a_pattern_is_not_tried_without_what_every_match_of_it_holds(monkeypatch, text, not_tried):
    assert not_tried.isdisjoint(_patterns_tried(monkeypatch, text))


def _every_pattern_tried(norm: str, document_date):
    import liqaa.dates as dates

    real = dates._hints
    dates._hints = lambda _: -1   # every bit: no pattern skipped
    try:
        return find_dates(norm, document_date)
    finally:
        dates._hints = real


_SHORTCUT_CASES = [
    "التقى الرئيس نظيره في 12 مارس 2025 في موسكو", "في سبتمبر/أيلول 2005", "في مارس (آذار) 2011",
    "مارس2015", "مارس عام 2015", "في مايو", "في مايو.", "in mid-May", "midMay talks", "in early September",
    "May 5, 2024", "may 5", "He may meet", "last year", "next month", "العام الماضي", "السنة المقبلة",
    "الشهر القادم", "the year 2019 and next year", "في 2019", "in 2020", "بحلول عام 2030", "2015-03-12",
    "12/3/2015", "14 رمضان 1446 هـ", "الاثنين المقبل", "last Monday", "أمس", "اليوم الجمعة", "في اب",
    "في آب 2014", "أبو مازن وابنه", "شهر ماي", "ماي", "اب", "كانون الثاني 2016", "في كانون الثاني",
    "منذ عام 2014", "في 1967", "اجتماع 3 وزراء", "19/20", "في 20 و19 عاما", "1990s", "in 1990s",
]


@pytest.mark.parametrize("text", _SHORTCUT_CASES)
def test_the_cheap_look_finds_what_every_pattern_finds(text):
    norm = normalize(text)
    for document_date in (ARTICLE_DATE, None):
        assert find_dates(norm, document_date) == _every_pattern_tried(norm, document_date)


_PIECES = ["في", "خلال", "مطلع", "شهر", "عام", "العام", "السنه", "الماضي", "المقبله", "من", "ماي", "اب",
           "مارس", "ايار", "كانون الاول", "may", "in", "early", "mid", "last", "next", "year", "month",
           "امس", "اليوم", "الاثنين", "monday", "رمضان", "هـ", "ابنه", "2015", "1446", "19", "20", "3", "12",
           "-", "/", "(", ")", ".", ",", "x", "ب"]


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.lists(st.sampled_from(["", " ", " ", "-", "/"]), min_size=12, max_size=12))
def test_the_cheap_look_finds_what_every_pattern_finds_in_any_order(pieces, gaps):
    norm = normalize("".join(p + g for p, g in zip(pieces, gaps)))
    assert find_dates(norm, ARTICLE_DATE) == _every_pattern_tried(norm, ARTICLE_DATE)
