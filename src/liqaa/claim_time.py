"""The time a claim speaks of, when its sentence says it is not the article's date.

News names past office holders with their old titles: "1909 - استقالة رئيس الحكومة الفرنسي
جورج كليمنصو", "الرئيس الأميركي جيمس بولك، الذي استمرت رئاسته بين عامي 1845 و1849",
"رئيس الوزراء العراقي نوري المالكي آنذاك". Judged at the article's date such a title is
wrong; judged at the time the sentence gives, it is right. The cues are data
(``lexicons/time_cues.yaml``): each rule is named and carries its examples.

A claim dated by a cue gets ``date_basis`` ``context`` and a ``window`` (the first and last
day it may speak of); "in the past" alone is the window up to the article's date. A
claim in an undated text (no date in the text, no document date, no ``--as-of``) gets no
date and ``date_basis`` ``none``: it is judged against every date the KB covers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from liqaa.kb.model import PartialDate
from liqaa.text import normalize

# The first day the KB can speak of: "in the past" starts here.
EARLIEST = dt.date(1000, 1, 1)
LATEST = dt.date(9999, 12, 31)
# How far around the claim a cue word is read: a long sentence of a column may tell
# several times, and a cue at its other end is not this claim's.
_REACH = 250
_YEAR = r"(?P<{}>(?:1[5-9]|20)\d\d)"
_FOUR_DIGITS = re.compile(r"\d\d\d\d")
# The years a rule's {y1} and {y2} read.
_YEAR_SHAPE = re.compile(_YEAR.format("year"))


@dataclass(frozen=True)
class TimeRule:
    id: str
    shape: str          # line_year | range | year | past | ended
    regex: re.Pattern
    description: str
    examples: tuple[dict, ...]
    # What must be in the window before the rule's own pattern is tried — one of these words
    # (none: no word needed) and, for a rule of years, four digits: most claims' sentences
    # have no cue, and one automaton pass over the window is far cheaper than the patterns.
    needs: tuple[str, ...]
    needs_year: bool
    # The pattern starts with "^" (re.M): it can match only where a line starts.
    anchored: bool = False


@dataclass(frozen=True)
class TimeCue:
    """What a rule found in a claim's sentence (normalised span of the cue)."""

    rule: str
    shape: str
    nstart: int
    nend: int
    window: tuple[dt.date, dt.date] | None = None   # None for "past" and "ended"


def _needed(word: str) -> str:
    """A needed word normalised, keeping the spaces written around it (" قد ": the word)."""
    return (" " if word.startswith(" ") else "") + normalize(word.strip()) + (" " if word.endswith(" ") else "")


def _compile(rule: dict) -> TimeRule:
    words = sorted((normalize(w) for w in rule.get("words") or ()), key=len, reverse=True)
    pattern = rule["pattern"].replace("{words}", "|".join(re.escape(w) for w in words))
    # A rule may name its years in several alternative shapes: each a group of its own.
    for name in ("y1", "y2"):
        parts = pattern.split("{%s}" % name)
        pattern = parts[0] + "".join(_YEAR.format(f"{name}_{k}") + part for k, part in enumerate(parts[1:]))
    needs = tuple(_needed(w) for w in rule.get("needs") or ()) or tuple(words)
    return TimeRule(rule["id"], rule["shape"], re.compile(pattern, re.M), rule.get("description", ""),
                    tuple(rule.get("examples") or ()), needs, "{y1}" in rule["pattern"], rule["pattern"].startswith("^"))


@lru_cache(maxsize=1)
def time_rules() -> tuple[TimeRule, ...]:
    from liqaa.gazetteer import load_lexicon

    return tuple(_compile(r) for r in load_lexicon("time_cues.yaml")["rules"])


@lru_cache(maxsize=1)
def needed_word_bits() -> dict[str, int]:
    """Every rule's needed words, each with a bit per rule that needs it (in the order of
    ``time_rules``)."""
    by_word: dict[str, int] = {}
    for k, rule in enumerate(time_rules()):
        for w in rule.needs:
            by_word[w] = by_word.get(w, 0) | 1 << k
    return by_word


@lru_cache(maxsize=1)
def _needed_words():
    """One automaton over every rule's needed words: a window's rules with a chance, in one
    pass; and whether some rule needs nothing (and is always tried)."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for w, bits in needed_word_bits().items():
        automaton.add_word(w, bits)
    automaton.make_automaton()
    # (a history line that is not anchored must be tried in every window)
    return automaton, any((not rule.needs and not rule.needs_year) or (rule.shape == "line_year" and not rule.anchored)
                          for rule in time_rules())


def _years(m: re.Match) -> tuple[int, int]:
    found = {k.split("_")[0]: int(v) for k, v in m.groupdict().items() if v}
    return found["y1"], found.get("y2", found["y1"])


def find_cues(norm: str, s: int, e: int, at: int, article_year: int | None,
              words=None) -> tuple[TimeCue | None, TimeCue | None]:
    """(the cue that dates a claim at normalised position ``at`` in the sentence [s, e),
    the cue that says a term ended), each the first of its rules in lexicon order.
    ``article_year`` bounds the years that count as the past. ``words``: the sentence's
    ``liqaa.sentence_words.SentenceWords`` (positions from its start), when a scan of
    the sentence has found them; else the window is scanned."""
    lo, hi = max(s, at - _REACH), min(e, at + _REACH)
    automaton, some_always = _needed_words()
    candidates = 0
    year_from = lo
    if words is None:
        # (the window's slice: the automaton reads the whole string it is given, whatever
        # the bounds, and an article is many windows long)
        for _, bits in automaton.iter(norm[lo:hi]):
            candidates |= bits
    else:
        first, last = lo - s, hi - s
        for start, end, bits in words.cue_hits:   # those inside the window, as its scan finds
            if start >= first and end <= last:
                candidates |= bits
        # a year starts with the ASCII 1 or 2: not before the sentence's first digit
        year_from = hi if words.first_digit < 0 else max(lo, s + words.first_digit)
    # A rule of years runs over the window only when a year of its shape is in it (its
    # matches are); a history line only at the start of a line ("^" in re.M).
    has_year = year_from < hi and _YEAR_SHAPE.search(norm, year_from, hi) is not None
    line_start = s == 0 or norm[s - 1] == "\n"
    if not candidates and not has_year and not line_start and not some_always:
        return None, None
    dated = ended = None
    for k, rule in enumerate(time_rules()):
        if (ended if rule.shape == "ended" else dated) is not None:
            continue
        if rule.needs and not candidates >> k & 1:
            continue
        if rule.shape == "line_year":
            m = rule.regex.match(norm, s, e) if line_start or not rule.anchored else None
            # (the rule asks for four digits before the window's end, as it always has)
            if m is not None and (not rule.needs_year or _FOUR_DIGITS.search(norm, s, hi) is not None):
                y1, _ = _years(m)
                if article_year is None or y1 <= article_year:
                    dated = TimeCue(rule.id, rule.shape, m.start(), m.end(), (dt.date(y1, 1, 1), dt.date(y1, 12, 31)))
            continue
        if rule.needs_year and not has_year:
            continue
        for m in rule.regex.finditer(norm, lo, hi):
            if rule.shape == "ended":
                ended = TimeCue(rule.id, rule.shape, m.start(), m.end())
                break
            if rule.shape == "past":
                dated = TimeCue(rule.id, rule.shape, m.start(), m.end())
                break
            y1, y2 = _years(m)
            if y2 < y1 or (article_year is not None and (y1 > article_year or
                                                       (rule.shape == "year" and y1 >= article_year))):
                continue
            dated = TimeCue(rule.id, rule.shape, m.start(), m.end(), (dt.date(y1, 1, 1), dt.date(y2, 12, 31)))
            break
    return dated, ended


def date_claim(doc, claim) -> None:
    """Re-date a claim (already dated by ``claims.assign_date``) by its sentence's time
    cues, and leave an undated text's claims without a date."""
    article = doc.date or doc.as_of
    if article is None and claim.date_basis != "explicit":
        claim.date, claim.date_basis, claim.alt_date = None, "none", None
    s, e = doc.sentence_of(claim.nstart)
    dated, ended = find_cues(doc.norm, s, e, claim.nstart, article.year if article else None,
                             doc.words_in(s, e))
    claim.ended = ended is not None
    if dated is None or (claim.date_basis == "explicit" and dated.shape not in ("line_year", "range")):
        return   # a date the sentence states outranks a year or a word that only hints at one
    claim.time_cue = dated.rule
    claim.alt_date = PartialDate.parse(article) if article else None
    claim.date_basis = "context"
    if dated.window is None:   # "in the past": up to the article's date
        claim.window = (EARLIEST, article or LATEST)
        claim.date = None
        return
    claim.window = dated.window
    lo, hi = dated.window
    claim.date = PartialDate(lo.year) if lo.year == hi.year else None
