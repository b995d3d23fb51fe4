"""Explicit dates in normalised Arabic and English text (`liqaa.dates.find_dates`)."""

import datetime as dt

import pytest

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
