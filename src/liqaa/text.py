"""Text layer: Arabic-aware normalisation with an offset map, sentences, language.

Matching runs on a normalised copy of the text; every span reported to users indexes the
original. ``normalize_with_map`` therefore returns, for each character of the normalised
text, the offset of the original character it came from.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from bisect import bisect_right
from array import array
from collections.abc import Iterable
from functools import lru_cache

# Hamza-carrying alefs, alef maqsura, ta marbuta and hamza on waw/ya are spelled
# inconsistently in news; names must match across all of them.
_CHAR_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
    "گ": "غ",  # Persian gaf is how some outlets write a hard g (e.g. in names)
    "ڤ": "ف", "پ": "ب", "چ": "تش",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\t": " ",
    "“": '"', "”": '"', "«": '"', "»": '"', "’": "'", "‘": "'",
    "،": ",", "؛": ";", "؟": "?",
    "–": "-", "—": "-",
}
for _i in range(10):
    _CHAR_MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _CHAR_MAP[chr(0x06F0 + _i)] = str(_i)  # Extended (Persian) digits

# Dropped entirely: tashkeel, Quranic marks, tatweel, bidi and zero-width controls.
_DROP = set(chr(c) for c in range(0x064B, 0x0660))
_DROP |= {"\u0670", "\u0640", "\u06D6", "\u06D7", "\u06D8", "\u06D9", "\u06DA", "\u06DB", "\u06DC",
          "\u06DF", "\u06E0", "\u06E1", "\u06E2", "\u06E3", "\u06E4", "\u06E7", "\u06E8", "\u06EA",
          "\u06EB", "\u06EC", "\u06ED"}
_DROP |= {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
          "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u00ad", "\u061c"}

_SPACE = " \n\r\v\f"
DROP_CHARS = frozenset(_DROP)


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    """The slow, general mapping of one character (used to build the fast table, and for
    presentation forms, which NFKC may expand into several letters)."""
    if ch in _DROP:
        return ""
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    if "\uFB50" <= ch <= "\uFEFF" or "\uFF00" <= ch <= "\uFFEF":
        folded = unicodedata.normalize("NFKC", ch)
        return "".join(_map_char(c) for c in folded) if folded != ch else ch
    if unicodedata.category(ch) == "Mn":
        return ""
    low = ch.lower()
    if len(low) != 1:
        return ch
    # Latin accents: Zelensky/Zelenskyy, António are spelled plain in matching patterns.
    decomposed = unicodedata.normalize("NFD", low)
    return decomposed[0] if decomposed[0].isascii() and decomposed[0].isalpha() else low


_DROPPED = "\x00"


def _build_table() -> dict[int, str]:
    """A length-preserving str.translate table; characters to drop become NUL first."""
    table: dict[int, str] = {}
    ranges = [range(0x20, 0x250), range(0x0600, 0x0700), range(0x0300, 0x0370), range(0x2000, 0x2070),
              range(0xFE00, 0xFE10), [0xFEFF, 0x3000]]
    for r in ranges:
        for code in r:
            ch = chr(code)
            if ch in _SPACE or ch == "\n":
                continue
            if ch.isspace():
                table[code] = " "
                continue
            mapped = _map_char(ch)
            if mapped == ch:
                continue
            if mapped == "":
                table[code] = _DROPPED
            elif len(mapped) == 1:
                table[code] = mapped
    table[ord("\t")] = " "
    table[ord("\r")] = " "
    table[ord("\v")] = " "
    table[ord("\f")] = " "
    table[ord("چ")] = "ش"  # keep the table length-preserving (چ is "ch")
    table[0] = _DROPPED     # a NUL in the input is treated like a dropped mark
    table[0x130] = "i"      # İ lowercases to two characters; fold it to one
    return table


_TABLE = _build_table()
_LATIN_EXTENDED_CHARS = "\u00C0-\u024F\u0300-\u036F"
_LATIN_EXTENDED = re.compile(f"[{_LATIN_EXTENDED_CHARS}]")
_SUBSTITUTIONS = {chr(k): v for k, v in _TABLE.items() if not ("A" <= chr(k) <= "Z")}
# The mapped characters frequent in Arabic news (measured on SaudiNewsNet), replaced in bulk.
_FREQUENT = ("ة", "أ", "،", "إ", "ى", "ئ", "«", "»", "\u064b", "ؤ", "آ", "\u0651", "\u0640", "\u064f",
             "؟", "\u064e", "؛", "\u0650", "\u0652", "\u064d")
_MAPPED = re.compile("[" + "".join(re.escape(c) for c in _SUBSTITUTIONS if c not in _FREQUENT) + "]")


def _mapped_char(m: re.Match) -> str:
    return _SUBSTITUTIONS[m.group()]
_PRESENTATION_CHARS = "\uFB50-\uFDFF\uFE70-\uFEFE\uFF00-\uFFEF"
_PRESENTATION = re.compile(f"[{_PRESENTATION_CHARS}]")
# Most news has none of the characters that need more than lower() and a few replaces:
# one scan for all of them decides.
_RARE = re.compile("[" + _LATIN_EXTENDED_CHARS + _PRESENTATION_CHARS
                   + "".join(re.escape(c) for c in _SUBSTITUTIONS if c not in _FREQUENT) + "]")
# Dropped marks (tashkeel, tatweel, zero-width and bidi controls) fold to NUL. Marks after a
# letter are removed — inside a word (محمّد، بُوتِين) and at its end, where a case ending would
# otherwise sit between the words of a title ("رئيسَ الوزراء") — and runs of spaces fold to one.
# A mark that follows no letter stays as NUL, which is no word character: the text keeps its
# length there. Most news text has no marks, and needs no rebuild at all.
# Two literal-prefix searches are faster than one alternation tried at every space.
_DROPPED_RUN = re.compile("\x00+")
_SPACE_RUN = re.compile(" {2,}")


def _load_speedups():
    """The compiled twins of the loops below, when built and not switched off."""
    if os.environ.get("LIQAA_PURE_PYTHON"):
        return None
    try:
        from liqaa import _speedups
    except ImportError:
        return None
    # Capital sigma stays with Python: its lowercase depends on the next letter. Presentation
    # forms (ﻻ، ﷲ، full-width letters) expand to what NFKC gives, folded.
    _speedups.set_fold_table({k: v for k, v in _TABLE.items() if not ("A" <= chr(k) <= "Z")}, [0x03A3],
                             {code: expanded
                              for first, last in ((0xFB50, 0xFDFF), (0xFE70, 0xFEFE), (0xFF00, 0xFFEF))
                              for code in range(first, last + 1)
                              if (expanded := unicodedata.normalize("NFKC", chr(code))) != chr(code)})
    _speedups.set_marks(DROP_CHARS)
    return _speedups


class IdentityOffsets:
    """The offset map of a text that normalisation did not shorten or lengthen."""

    __slots__ = ("n",)

    def __init__(self, n: int):
        self.n = n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self._original(i)

    def _original(self, i: int) -> int:
        return i

    def __iter__(self):
        return iter(range(self.n))

    def position_of(self, original: int) -> int:
        """The first normalised position whose original index is ``original`` or after:
        ``bisect_left(offsets, original)`` without a lookup per step."""
        return min(max(original, 0), self.n)


speedups = _load_speedups()


# عبد/أبو + ال... compounds of Arabic names are written joined (عبدالعزيز) as often as apart.
_COMPOUND_APART = re.compile(r"(?<!\S)(عبد|أبو|ابو) (?=ال)")
_COMPOUND_JOINED = re.compile(r"(?<!\S)(عبد|أبو|ابو)(?=ال)")


def compounds_joined(name: str) -> str:
    """عبد العزيز → عبدالعزيز, أبو الغيط → أبوالغيط."""
    return _COMPOUND_APART.sub(r"\1", name)


def compounds_apart(name: str) -> str:
    """عبدالعزيز → عبد العزيز."""
    return _COMPOUND_JOINED.sub(r"\1 ", name)


def normalize(text: str) -> str:
    """The normalised form of a word or name, for keys and comparisons: as
    ``normalize_with_map`` but with every dropped mark removed."""
    norm = normalize_with_map(text)[0]
    if _DROPPED in norm:
        norm = norm.replace(_DROPPED, "")
        if "  " in norm:   # a mark between two spaces ("\r\xad\r") leaves them side by side
            norm = _SPACE_RUN.sub(" ", norm)
    return norm


def normalize_with_map(text: str):
    """Normalise ``text``; return (normalised, offsets) where offsets[i] is the index in
    ``text`` of the character that produced normalised[i].

    Folding is length-preserving (hamza, ya, ta marbuta, digits, case, accents; marks
    become NUL); the text is rebuilt only to remove marks after letters and to fold runs
    of spaces into one."""
    if speedups is not None:
        folded = speedups.fold(text)
        if folded is not None:
            norm, starts, shifts = folded
            if starts is None:
                return norm, IdentityOffsets(len(norm))
            return norm, ShiftedOffsets(len(norm), starts, shifts)
    if _RARE.search(text) is None:
        return _normalize_core(text, _fold_common(text))
    if _PRESENTATION.search(text):
        return _normalize_presentation_forms(text)
    return _normalize_core(text)


def _fold(text: str) -> str:
    """Length-preserving folding. ``str.lower`` plus one regex substitution of the few
    mapped characters is twice as fast as ``str.translate`` on Arabic text; the general
    table handles text with accented Latin or dotted capital I (whose lowercase is longer)."""
    if _LATIN_EXTENDED.search(text):
        return text.translate(_TABLE).lower()
    t = _fold_common(text)
    return _MAPPED.sub(_mapped_char, t) if _MAPPED.search(t) else t


def _fold_common(text: str) -> str:
    t = text.lower()
    for ch in _FREQUENT:  # str.replace is a C loop; a regex callback per letter is not
        if ch in t:
            t = t.replace(ch, _SUBSTITUTIONS[ch])
    return t


class ShiftedOffsets(IdentityOffsets):
    """The offset map of a text from which some characters were removed, stored as the
    positions where the shift grows: a lookup is a bisection, and building it costs one
    step per edit rather than one per character."""

    __slots__ = ("starts", "shifts", "_original_starts")

    def __init__(self, n: int, starts: list[int], shifts: list[int]):
        super().__init__(n)
        self.starts, self.shifts = starts, shifts
        self._original_starts: list[int] | None = None

    def position_of(self, original: int) -> int:
        # Positions map to originals step by step: within step k, position i has original
        # i + shifts[k]; an original between two steps (a removed mark) maps to the next step.
        if self._original_starts is None:
            self._original_starts = [start + shift for start, shift in zip(self.starts, self.shifts)]
        k = bisect_right(self._original_starts, original) - 1
        if k < 0:
            return 0
        following = self.starts[k + 1] if k + 1 < len(self.starts) else self.n
        return min(original - self.shifts[k], following)

    def _original(self, i: int) -> int:
        return i + self.shifts[bisect_right(self.starts, i) - 1]

    def __getitem__(self, i: int) -> int:
        # IdentityOffsets.__getitem__ with _original inlined: spans are mapped back often.
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i + self.shifts[bisect_right(self.starts, i) - 1]

    def __iter__(self):
        return (self._original(i) for i in range(self.n))


def _normalize_core(text: str, folded: str | None = None):
    t = _fold(text) if folded is None else folded
    runs = []
    if _DROPPED in t:
        runs += [m.span() for m in _DROPPED_RUN.finditer(t)]
    if "  " in t:
        runs += [m.span() for m in _SPACE_RUN.finditer(t)]
        runs.sort()
    if not runs:
        return t, IdentityOffsets(len(t))
    starts, shifts = [0], [0]
    pieces: list[str] = []
    removed = pos = 0
    n = len(t)
    for s, e in runs:
        if t[s] == " ":
            kept = 1  # a run of spaces keeps one
        elif 0 < s and t[s - 1].isalnum():
            # Marks after a letter go, inside a word and at its end alike: a case ending
            # ("رئيسَ الوزراء") must not split a name or a title the gazetteer knows.
            kept = 0
        else:
            continue  # a mark that follows no letter stays, as NUL
        pieces.append(t[pos:s + kept])
        pos = e
        removed += e - s - kept
        starts.append(e - removed)
        shifts.append(removed)
    if len(starts) == 1:
        return t, IdentityOffsets(n)
    pieces.append(t[pos:])
    norm = "".join(pieces)
    return norm, ShiftedOffsets(len(norm), starts, shifts)


def _normalize_presentation_forms(text: str):
    """Rare path: expand presentation forms (ﻻ, ﷲ, full-width letters) first."""
    out: list[str] = []
    first = array("l")
    for i, ch in enumerate(text):
        if _PRESENTATION.match(ch):
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded)
            first.extend([i] * len(folded))
        else:
            out.append(ch)
            first.append(i)
    norm, inner = _normalize_core("".join(out))
    return norm, array("l", (first[j] for j in inner))


def original_span(offsets: array, text_len: int, start: int, end: int) -> tuple[int, int]:
    """Map a normalised half-open span back to the original text."""
    if start >= len(offsets):
        return text_len, text_len
    o_start = offsets[start]
    o_end = offsets[end - 1] + 1 if end > start else o_start
    # Swallow dropped characters (tashkeel, tatweel) that trail the last mapped one.
    return o_start, o_end


def extend_over_marks(text: str, end: int) -> int:
    """Move ``end`` past the combining marks (tashkeel) that belong to the last letter — not
    past tatweel or a bidi or zero-width control, which a quote is better without."""
    while end < len(text) and text[end] in _DROP and unicodedata.category(text[end]) == "Mn":
        end += 1
    return end


# --- letters ----------------------------------------------------------------------

def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064A" or "\u066E" <= ch <= "\u06D3" or "\u06FA" <= ch <= "\u06FF"


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# --- sentences --------------------------------------------------------------------

_ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "sen", "rep", "gov",
           "u.s", "u.n", "u.k", "e.u", "jr", "sr", "no", "vs", "etc", "inc", "co", "corp", "jan",
           "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "sheikh",
           "amb", "adm", "maj", "capt", "sgt", "pres", "rev", "hon", "a.m", "p.m"}
# Normalised text has ? and ; for ؟ and ؛; an Arabic semicolon ends a clause as a full stop does.
_SENT_END = re.compile(r"[.!?;؟؛\n]+")
_INITIAL_BEFORE = "(\"'«"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open sentence spans over ``text``: split after . ! ? ؟ ؛ and at newlines,
    not after abbreviations (U.S., Dr.) or initials, nor inside numbers (3.5)."""
    if speedups is not None:
        return speedups.split_sentences(text, _ABBREV)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        ms, end = m.span()
        if text[ms] == "." and "\n" not in m.group():
            after = text[end:end + 1]
            if after.isdigit() or (after.isalpha() and after.islower()):
                continue
            # An abbreviation is Latin; an initial (س. ، J.) is one letter after a break.
            if ms > start and text[ms - 1].isalpha() and (
                    text[ms - 1].isascii() or ms - 1 == start or text[ms - 2] in _INITIAL_BEFORE
                    or text[ms - 2].isspace()):
                word = re.split(r"[\s(\"'«]", text[max(start, ms - 6):ms])[-1].lower()
                if word in _ABBREV or len(word) == 1:
                    continue
        _add_trimmed(spans, text, start, end)
        start = end
    _add_trimmed(spans, text, start, len(text))
    return spans


# Where a sentence too long to read whole is cut: after a clause's comma or colon (the
# normalised text has , for ،), else at a space.
_CLAUSE_BREAK = re.compile(r"[,:]\s*")
_WORD_BREAK = re.compile(r"\s+")


def bound_sentences(text: str, spans: list[tuple[int, int]], limit: int,
                    unbreakable: Iterable[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The sentence spans with every span longer than ``limit`` cut into pieces of at most
    ``limit`` characters, at the last clause break in the second half of each piece, else
    its last space, never inside an ``unbreakable`` span ((start, end) pairs in order of
    start: the names and titles a cut would lose; read only when a span is too long), else
    at the limit. Shorter sentences are kept as they are."""
    if len(text) <= limit or all(e - s <= limit for s, e in spans):
        return spans
    unbreakable = list(unbreakable)
    starts = [s for s, _ in unbreakable]
    reach = list(itertools.accumulate((e for _, e in unbreakable), max))   # furthest end so far
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > limit:
            cut = _cut_point(text, s + limit // 2, s + limit, starts, reach)
            _add_trimmed(out, text, s, cut)
            s = cut
        _add_trimmed(out, text, s, e)
    return out


def _cut_point(text: str, lo: int, hi: int, starts: list[int], reach: list[int]) -> int:
    """The last clause break in (lo, hi], else the last space, outside every unbreakable
    span; else hi."""
    for pattern in (_CLAUSE_BREAK, _WORD_BREAK):
        for at in reversed([m.end() for m in pattern.finditer(text, lo, hi)]):
            inside = bisect_right(starts, at - 1) - 1   # the last span starting before the cut
            if inside < 0 or reach[inside] <= at:
                return at
    return hi


def _add_trimmed(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    """Add the span without its leading and trailing whitespace, if anything is left."""
    piece = text[s:e]
    stripped = piece.strip()
    if stripped:
        s += len(piece) - len(piece.lstrip())
        spans.append((s, s + len(stripped)))


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


# --- language ---------------------------------------------------------------------

_ARABIC_NON_LETTERS = re.compile("[\u0600-\u0620\u064B-\u066D\u06D4-\u06F9]")
_LATIN_LETTERS = re.compile("[A-Za-z]")
_PERSIAN_ONLY = re.compile("[پچژگکیۀ]")
_URDU_ONLY = re.compile("[ٹڈڑںےۓھ]")


def has_capital(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds a capital letter (one that lowercasing changes): where
    a name the KB does not know may start. Most Arabic sentences hold none."""
    end = len(text) if end is None else end
    if speedups is not None:
        return speedups.has_capital(text, start, end)
    part = text[max(start, 0):end]
    return part != part.lower()


def _script_counts(sample: str) -> tuple[int, int, int, int]:
    """Arabic letters, Latin letters, and letters only Urdu or only Persian uses."""
    if speedups is not None:
        return speedups.script_counts(sample)
    # Arabic-block characters are the UTF-8 sequences led by bytes D8-DB: counting those
    # bytes, less the few marks and punctuation among them, is several times faster than
    # a regex listing every letter.
    raw = sample.encode("utf-8", "surrogatepass")
    arabic = raw.count(0xD8) + raw.count(0xD9) + raw.count(0xDA) + raw.count(0xDB) \
        - len(_ARABIC_NON_LETTERS.findall(sample))
    return (arabic, len(_LATIN_LETTERS.findall(sample)), len(_URDU_ONLY.findall(sample)),
            len(_PERSIAN_ONLY.findall(sample)))


def detect_language(text: str) -> str:
    """``ar``, ``en``, ``mixed``, ``fa``/``ur`` (Arabic script, other language) or ``und``.

    A script count is enough for the ar/en decision liqaa needs; the Persian and Urdu
    letters that Arabic never uses keep Farsi/Urdu from passing as Arabic. Letters are
    counted on the first 800 characters: enough to tell, and cheap on long articles."""
    arabic, latin, urdu, persian = _script_counts(text[:800])
    total = arabic + latin
    if total == 0:
        return "und"
    if arabic / total >= 0.8:
        if urdu > 0.01 * arabic:
            return "ur"
        if persian > 0.02 * arabic:
            return "fa"
        return "ar"
    if latin / total >= 0.8:
        return "en"
    return "mixed"


# Function words and common verbs that never start or continue a person's name; they end
# name spans and keep given-name lists free of words like "أن" (Ann) or "علي" (on).
ARABIC_STOPWORDS = frozenset(normalize(w) for w in """
في من الى إلى على عن مع ان إن أن بأن لأن إنه أنه قال قالت يقول تقول أكد أكدت أعلن أعلنت وقال وأكد
خلال حيث الذي التي الذين كما بعد قبل عند لدى منذ حتى ثم او أو و ف هذا هذه ذلك تلك اليوم أمس امس
يوم الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد وذلك لكن بل إذ إذا لم لن قد كان كانت
سيلتقي التقى يلتقي استقبل يستقبل بحث يبحث اجتمع يجتمع زار يزور أجرى وصل يصل غادر عقد دعا ودعا
رئيس الرئيس وزير ومع وفي حول بشأن لبحث لمناقشة بهدف جراء إثر عبر نحو ضد بين ولا لا ما
""".split())
