"""Explicit dates in Arabic and English text, with their precision.

A cheap regex over the normalised text finds date-like spans (Arabic, Levantine and
Maghrebi month names, English months, numeric dates, Arabic-Indic digits already folded
by normalisation, Hijri dates marked هـ). Bare years count only after a preposition
("في عام 2018", "in 2018"): "حدود عام 1967" or "the 1967 borders" is not the date of the
sentence. Relative days, months and years (أمس، الأربعاء الماضي، الشهر الماضي، العام المقبل،
yesterday, last Wednesday, next month) and months named without a year ("في مايو", "in early
September") resolve against the document date when there is one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import ahocorasick

from liqaa.kb.model import PartialDate

_AR_MONTHS = {
    1: ["يناير", "كانون الثاني", "جانفي", "كانون ثاني"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "اذار"],
    4: ["ابريل", "نيسان", "افريل"],
    5: ["مايو", "ايار", "ماي"],
    6: ["يونيو", "يونيه", "حزيران", "جوان"],
    7: ["يوليو", "يوليه", "تموز", "جويليه"],
    8: ["اغسطس", "اب", "اوت", "غشت"],
    9: ["سبتمبر", "ايلول", "شتنبر"],
    10: ["اكتوبر", "تشرين الاول", "تشرين اول"],
    11: ["نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"],
    12: ["ديسمبر", "كانون الاول", "دجنبر", "كانون اول"],
}
_EN_MONTHS = {
    1: ["january", "jan"], 2: ["february", "feb"], 3: ["march", "mar"], 4: ["april", "apr"],
    5: ["may"], 6: ["june", "jun"], 7: ["july", "jul"], 8: ["august", "aug"],
    9: ["september", "sept", "sep"], 10: ["october", "oct"], 11: ["november", "nov"],
    12: ["december", "dec"],
}
_HIJRI_MONTHS = {
    1: ["محرم"], 2: ["صفر"], 3: ["ربيع الاول"], 4: ["ربيع الثاني", "ربيع الاخر"],
    5: ["جمادي الاولي", "جمادي الاول"], 6: ["جمادي الاخره", "جمادي الثانيه", "جمادي الاخر"],
    7: ["رجب"], 8: ["شعبان"], 9: ["رمضان"], 10: ["شوال"], 11: ["ذو القعده", "ذي القعده"],
    12: ["ذو الحجه", "ذي الحجه"],
}
_AR_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4,
                "السبت": 5, "الاحد": 6}
_EN_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_WORD = {w: m for m, ws in {**_AR_MONTHS}.items() for w in ws}
_MONTH_WORD.update({w: m for m, ws in _EN_MONTHS.items() for w in ws})
_HIJRI_WORD = {w: m for m, ws in _HIJRI_MONTHS.items() for w in ws}

# "مارس/آذار" and "مارس (آذار)" name a month twice.
_MONTH = rf"(?P<month>{_alt(_MONTH_WORD)})(?:\s*[/(]\s*(?:{_alt(_MONTH_WORD)})\)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    ("ymd", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")),
    ("dmy_num", re.compile(r"(?<![\d/])(?P<day>[0-3]?\d)/(?P<m>[01]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")),
    ("hijri", re.compile(rf"(?<!\d)(?P<day>[0-3]?\d)\s+(?P<hmonth>{_alt(_HIJRI_WORD)})\s+(?P<year>1[34]\d\d)\s*(?:ه|هـ|للهجره)?")),
    ("dmy", re.compile(rf"(?<!\d){_DAY}\s+(?:من\s+)?(?:شهر\s+)?{_MONTH}(?:\s*,?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?{_YEAR})?(?!\w)")),
    ("mdy", re.compile(rf"(?<!\w){_MONTH}\.?\s+{_DAY}(?:\s*,?\s+{_YEAR})?(?!\w)")),
    ("my", re.compile(rf"(?<![\w\d]){_MONTH}\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?,?\s*{_YEAR}(?!\d)")),
    ("year", re.compile(rf"(?:(?<![\w])[وف]?(?:في|خلال|بحلول)\s+(?:(?:عام|العام|سنه)\s+)?|(?<![\w])(?:in|during)\s+(?:the\s+year\s+)?){_YEAR}(?![\d\w])")),
    ("rel_day", re.compile(r"(?<!\w)(?P<rel>امس|اول امس|اليوم|غدا|بعد غد|yesterday|today|tomorrow)(?!\w)"
                           rf"(?:,?\s+(?:يوم\s+)?(?P<rwd>{_alt([*_AR_WEEKDAYS, *_EN_WEEKDAYS])})(?!\w))?")),
    # Last and next month or year; "this year" is left out: "their third meeting this year"
    # counts meetings, it does not date one.
    ("rel_month", re.compile(r"(?<!\w)(?:الشهر\s+(?P<dir>الماضي|المقبل|القادم)|(?P<dir2>last|next)\s+month)(?!\w)")),
    ("rel_year", re.compile(r"(?<!\w)(?:(?:العام|السنه)\s+(?P<dir>الماضي|الماضيه|المقبل|المقبله|القادم|القادمه)"
                            r"|(?P<dir2>last|next)\s+year)(?!\w)")),
    # A month without a day or year, only after a preposition or "early/late" ("in May" and
    # never the verb "may"); its year is the document's, as for "13 December".
    ("month", re.compile(rf"(?:(?<![\w])[وف]?(?:في|خلال|مطلع|اوايل|اواخر|منتصف|بدايه|نهايه)\s+(?:شهر\s+)?"
                         rf"|(?<![\w])(?:(?:in|during)\s+(?:(?:early|late|mid)-?\s*)?|(?:early|late|mid)-?\s*)){_MONTH}"
                         r"(?!\s*\.?\s*,?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?\d)(?![\w/(])")),
    ("weekday", re.compile(rf"(?<!\w)(?P<wd>{_alt([*_AR_WEEKDAYS, *_EN_WEEKDAYS])})\s+(?P<dir>الماضي|الماضيه|المقبل|القادم)|(?<!\w)(?P<dir2>last|next|this)\s+(?P<wd2>{_alt(_EN_WEEKDAYS)})(?!\w)")),
]


# Only these (relative days, months and years, month names) can match without a digit.
_WORD_PATTERNS = frozenset({"rel_day", "rel_month", "rel_year", "month", "weekday"})

# Cheap necessary conditions, one per pattern: literals every match of the pattern contains
# (one of each group), found with one Aho-Corasick pass over the text before any pattern
# runs. Each pattern otherwise tries its alternations at every position of the text, and
# most sentences hold none of these words.
_WEEKDAY_WORDS = (*_AR_WEEKDAYS, *_EN_WEEKDAYS)
# The direction words of the relative patterns (الماضيه، المقبله، القادمه contain theirs).
_DIRECTIONS = ("الماضي", "المقبل", "القادم", "last", "next")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "ymd": (("-",),),
    "dmy_num": (("/",),),
    "hijri": (tuple(_HIJRI_WORD),),
    "rel_day": (("امس", "اليوم", "غد", "yesterday", "today", "tomorrow"),),
    "rel_month": (("الشهر", "month"), _DIRECTIONS),
    "rel_year": (("العام", "السنه", "year"), _DIRECTIONS),
    # a weekday, and a direction after it (الماضي، المقبل، القادم) or before it (last, next, this)
    "weekday": (_WEEKDAY_WORDS, (*_DIRECTIONS, "this")),
}
# Digits are ASCII here: normalisation folds the Arabic-Indic and Persian ones.
_DIGIT_BIT, _MONTH_BIT, _YEAR_BIT, _BOUNDED_MONTH_BIT = 1, 2, 4, 8
_FIRST_WORD_BIT = 16
_DIGIT = re.compile(r"[0-9]")
# Every pattern with a required (?P<year>...) group: 19xx or 20xx somewhere in the text.
_YEAR_PATTERNS = frozenset({"ymd", "dmy_num", "my", "year"})
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
# The month names include short strings found inside many words (اب، ماي); in every
# month pattern the name starts the text or follows a non-word character (a space, "-",
# "/", "(") or the end of "early", "late", "mid" ("mid-May", "midMay").
_MONTH_PATTERNS = frozenset({"dmy", "mdy", "my", "month"})
# In these two the name also ends at a non-word character or the end of the text: the
# month alone is followed by (?![\w/(]) or by the "/آذار" group (a space, "/" or "("),
# and "mdy" by "." or a space before the day. ("dmy" and "my" may go on with a year or
# عام at once.)
_BOUNDED_MONTH_PATTERNS = frozenset({"mdy", "month"})


def _hint_words() -> tuple[dict[str, tuple[int, int]], dict[str, int]]:
    """(each hint word's value: its bits and its length when it is a month name, else 0;
    each pattern's needed bits)."""
    bits: dict[str, int] = {}
    need_bits: dict[str, int] = {}
    bit = _FIRST_WORD_BIT
    for name, groups in _NEEDS.items():
        need_bits[name] = 0
        for group in groups:
            for word in group:
                bits[word] = bits.get(word, 0) | bit
            need_bits[name] |= bit
            bit <<= 1
    for name, _ in _PATTERNS:
        need = need_bits.get(name, 0)
        if name not in _WORD_PATTERNS:
            need |= _DIGIT_BIT
        if name in _YEAR_PATTERNS:
            need |= _YEAR_BIT
        if name in _MONTH_PATTERNS:
            need |= _MONTH_BIT
        if name in _BOUNDED_MONTH_PATTERNS:
            need |= _BOUNDED_MONTH_BIT
        need_bits[name] = need
    words = {word: (bits.get(word, 0), len(word) if word in _MONTH_WORD else 0) for word in {*bits, *_MONTH_WORD}}
    return words, need_bits


HINT_WORDS, _NEED_BITS = _hint_words()
_HINTS = ahocorasick.Automaton()
for _word, _value in HINT_WORDS.items():
    _HINTS.add_word(_word, _value)
_HINTS.make_automaton()


def _is_word_char(c: str) -> bool:
    """What \\w matches (str.isalnum is the same Unicode test)."""
    return c.isalnum() or c == "_"


def first_ascii_digit(text: str) -> int:
    """Where the first ASCII digit of the text is; -1 when it has none."""
    digit = _DIGIT.search(text)
    return -1 if digit is None else digit.start()


def _hints(norm: str, hits=None, first_digit: int | None = None) -> int:
    """The bits of ``_NEED_BITS`` that the text's words and digits satisfy. ``hits`` and
    ``first_digit``: the hint words found in the text, (end, value) as the automaton gives
    them, and ``first_ascii_digit(norm)``, when a scan for more than these has found them
    (liqaa.sentence_words)."""
    found = 0
    digit = first_ascii_digit(norm) if first_digit is None else first_digit
    if digit >= 0:
        found = _DIGIT_BIT
        # (a year starts with the ASCII 1 or 2: at or after the first ASCII digit)
        if _YEAR_DIGITS.search(norm, digit) is not None:
            found |= _YEAR_BIT
    for end, (bits, month_length) in (_HINTS.iter(norm) if hits is None else hits):
        found |= bits
        if month_length:
            start = end - month_length + 1
            before = norm[start - 1] if start else ""
            if not start or not _is_word_char(before) or before in "dey":
                found |= _MONTH_BIT
                if end + 1 == len(norm) or not _is_word_char(norm[end + 1]):
                    found |= _BOUNDED_MONTH_BIT
    return found


# "منذ السابع من أكتوبر 2023" / "since 2014" / "until 2030" date another event, not the sentence's.

_BOUNDARY_WORD = re.compile(
    r"(?:^|[^\w])(?:منذ|حتي|قبل|بعد|لغايه|since|until|till|before|after|by)\s+(?:\w+\s+){0,3}$")


@dataclass(frozen=True, slots=True)
class FoundDate:
    nstart: int
    nend: int
    date: PartialDate
    calendar: str = "gregorian"

    @property
    def interval(self) -> tuple[dt.date, dt.date]:
        return self.date.first_day(), self.date.last_day()


def _hijri_to_gregorian(year: int, month: int, day: int) -> PartialDate | None:
    try:
        from hijridate import Hijri  # optional dependency
    except ImportError:
        try:
            from hijri_converter import Hijri  # type: ignore[no-redef]
        except ImportError:
            return None
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return PartialDate(g.year, g.month, g.day)


def _mk(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        pd = PartialDate(year, month, day)
        pd.first_day()
        return pd
    except (ValueError, TypeError):
        return None


_REL_DAY = {"امس": -1, "yesterday": -1, "اول امس": -2, "اليوم": 0, "today": 0, "غدا": 1, "tomorrow": 1, "بعد غد": 2}
_STEP = {"الماضي": -1, "الماضيه": -1, "last": -1, "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1, "next": 1}


def _year_of_month(month: int, document_date: dt.date | None) -> int | None:
    """The year of a month named without one: the document's ("13 December" read in a
    January article is last year's)."""
    if document_date is None:
        return None
    return document_date.year - 1 if month - document_date.month > 6 else document_date.year


def find_dates(norm: str, document_date: dt.date | None = None, words=None) -> list[FoundDate]:
    """Dates in a normalised text, leftmost-longest, non-overlapping. ``words``: the text's
    ``liqaa.sentence_words.SentenceWords``, when a scan has found them."""
    found: list[FoundDate] = []
    hints = _hints(norm) if words is None else _hints(norm, words.date_hits, words.first_digit)
    if not hints:
        return found
    for name, rx in _PATTERNS:
        need = _NEED_BITS[name]
        if hints & need != need:
            continue
        for m in rx.finditer(norm):
            g = m.groupdict()
            pd: PartialDate | None = None
            calendar = "gregorian"
            if name in ("ymd", "dmy_num"):
                pd = _mk(int(g["year"]), int(g["m"]), int(g["day"]))
            elif name == "hijri":
                calendar = "hijri"
                pd = _hijri_to_gregorian(int(g["year"]), _HIJRI_WORD[g["hmonth"]], int(g["day"]))
            elif name in ("dmy", "mdy", "month"):
                month = _MONTH_WORD[g["month"]]
                year = int(g["year"]) if g.get("year") else _year_of_month(month, document_date)
                if year is None:
                    continue
                pd = _mk(year, month, int(g["day"]) if g.get("day") else None)
            elif name == "my":
                pd = _mk(int(g["year"]), _MONTH_WORD[g["month"]], None)
            elif name == "year":
                pd = _mk(int(g["year"]), None, None)
            elif name == "rel_day" and document_date is not None:
                day = document_date + dt.timedelta(days=_REL_DAY.get(g["rel"], 0))
                wd = _AR_WEEKDAYS.get(g["rwd"], _EN_WEEKDAYS.get(g["rwd"])) if g.get("rwd") else None
                if wd is not None:
                    # "اليوم الاثنين" in an item dated Sunday: the weekday named is the day meant
                    # (the item's date is often its publication's, a time zone away).
                    shift = (wd - day.weekday() + 3) % 7 - 3
                    day += dt.timedelta(days=shift)
                pd = PartialDate.parse(day)
            elif name in ("rel_month", "rel_year") and document_date is not None:
                step = _STEP.get(g.get("dir") or g.get("dir2"), 0)
                if name == "rel_year":
                    pd = _mk(document_date.year + step, None, None)
                else:
                    months = document_date.year * 12 + document_date.month - 1 + step
                    pd = _mk(months // 12, months % 12 + 1, None)
            elif name == "weekday" and document_date is not None:
                wd_name = g.get("wd") or g.get("wd2")
                direction = g.get("dir") or g.get("dir2")
                wd = _AR_WEEKDAYS.get(wd_name, _EN_WEEKDAYS.get(wd_name))
                if wd is None:
                    continue
                delta = (document_date.weekday() - wd) % 7
                if direction in ("الماضي", "الماضيه", "last"):
                    pd = PartialDate.parse(document_date - dt.timedelta(days=delta or 7))
                elif direction in ("المقبل", "القادم", "next"):
                    ahead = (wd - document_date.weekday()) % 7 or 7
                    pd = PartialDate.parse(document_date + dt.timedelta(days=ahead))
            if pd is not None:
                found.append(FoundDate(m.start(), m.end(), pd, calendar))
    found = [f for f in found if not _BOUNDARY_WORD.search(norm[max(0, f.nstart - 25):f.nstart])]
    found.sort(key=lambda f: (f.nstart, -(f.nend - f.nstart)))
    result: list[FoundDate] = []
    for f in found:
        if result and f.nstart < result[-1].nend:
            continue
        result.append(f)
    return result


# --------------------------------------------------------------------------- dates given as values

ISO_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def parse_iso_date(value: str) -> PartialDate:
    """A date typed by a user (``--as-of``, ``--since``): ISO 8601 to the year, month or
    day, and nothing else. "2025-13-01" is an error, never a guess at another order."""
    m = _ISO.fullmatch(value.strip()) if isinstance(value, str) else None
    pd = m and _mk(int(m["year"]), m["month"] and int(m["month"]), m["day"] and int(m["day"]))
    if not pd:
        raise ValueError(f"not a date: {value!r} (expected {ISO_FORMS})")
    return pd


def parse_date_arg(value: str, *, end: bool = False) -> dt.date:
    """A user-supplied date as a day: the first day of a year or month given alone, or its
    last day with ``end`` (``--until 2025`` includes December). Raises ValueError."""
    pd = parse_iso_date(value)
    return pd.last_day() if end else pd.first_day()


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """An article's date read from its metadata; ``note`` says how an ambiguous form was read."""
    date: dt.date
    note: str | None = None


_NUMERIC_DMY = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4})"
                          r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_NUMERIC_YMD = re.compile(r"(?P<year>\d{4})(?P<sep>[/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})")


def _numeric_date(text: str) -> DocumentDate | None:
    """13/03/2025, 03/13/2025, 13.03.2025, 2025/03/13. With both numbers 12 or less the
    day comes first, as in Arabic and European use, and the note says so."""
    if m := _NUMERIC_YMD.fullmatch(text):
        pd = _mk(int(m["year"]), int(m["month"]), int(m["day"]))
        return DocumentDate(pd.first_day()) if pd else None
    m = _NUMERIC_DMY.fullmatch(text)
    if not m:
        return None
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    day, month = (b, a) if b > 12 >= a else (a, b)
    pd = _mk(year, month, day)
    if pd is None:
        return None
    note = None
    if a != b and a <= 12 and b <= 12:
        note = f"date {text!r} could be day/month or month/day; read day first, as {pd}"
    return DocumentDate(pd.first_day(), note)


def _iso_or_rfc2822(text: str) -> dt.date | None:
    """An ISO 8601 date or timestamp, or an RFC 2822 date (feeds, e-mail), on the calendar
    day as written: "2025-02-11T23:30:00-05:00" is 11 February, not converted to UTC."""
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, dt.datetime) else parsed
    import email.utils

    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written_date(text: str) -> dt.date | None:
    """A day written with a month name, in Arabic or English ("13 March 2025", "١٣ آذار
    ٢٠٢٥", "March 13, 2025", a Hijri date): the one full date the text holds."""
    from liqaa.text import normalize

    found = find_dates(normalize(text))
    if len(found) == 1 and found[0].date.precision == "day":
        return found[0].date.first_day()
    return None


def read_document_date(value: object) -> DocumentDate | None:
    """The date an article's metadata gives (front matter ``date:``, JSONL ``date``, HTML
    or feed metadata), or None when it is not a date liqaa can read without guessing."""
    if isinstance(value, dt.datetime):
        return DocumentDate(value.date())
    if isinstance(value, dt.date):
        return DocumentDate(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    text = value.strip()
    if (date := _iso_or_rfc2822(text)) is not None:
        return DocumentDate(date)
    if (numeric := _numeric_date(text)) is not None:
        return numeric
    if (date := _written_date(text)) is not None:
        return DocumentDate(date)
    return None


def document_date_arg(value: dt.date | str | None) -> DocumentDate | None:
    """The ``date`` argument of ``liqaa.check`` and ``liqaa.extract`` (an article's own
    date, as its metadata gives it). Raises ValueError for a string that is no date."""
    if value is None or isinstance(value, dt.date):
        return read_document_date(value)
    read = read_document_date(value)
    if read is None:
        raise ValueError(f"not a date: {value!r}")
    return read
