"""Text layer: Arabic-aware normalisation with an offset map, sentences, language.

Matching runs on a normalised copy of the text; every span reported to users indexes the
original. ``normalize_with_map`` therefore returns, for each character of the normalised
text, the offset of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
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


@lru_cache(maxsize=4096)
def _map_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    mapped = _CHAR_MAP.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    if "\uFB50" <= ch <= "\uFEFF" or "\uFF00" <= ch <= "\uFFEF":
        # Presentation forms and full-width letters: fold to their base letters.
        folded = unicodedata.normalize("NFKC", ch)
        return "".join(_map_char(c) for c in folded if c != ch) if folded != ch else ch
    if unicodedata.category(ch) == "Mn":
        return ""
    low = ch.lower()
    if len(low) != 1:
        return ch
    # Latin accents: Zelensky/Zelenskyy are spelled plain in matching patterns.
    decomposed = unicodedata.normalize("NFD", low)
    return decomposed[0] if decomposed[0].isascii() and decomposed[0].isalpha() else low


def normalize(text: str) -> str:
    """The normalised form used for matching (no offsets)."""
    return normalize_with_map(text)[0]


def normalize_with_map(text: str) -> tuple[str, array]:
    """Normalise ``text``; return (normalised, offsets) where offsets[i] is the index in
    ``text`` of the character that produced normalised[i]. Runs of whitespace fold to one
    space (newlines kept as "\\n" so sentence and paragraph breaks survive)."""
    out: list[str] = []
    offsets = array("l")
    prev_space = True  # leading whitespace is dropped
    for i, ch in enumerate(text):
        if ch in _SPACE or ch == "\t" or ch.isspace():
            if prev_space:
                if ch == "\n" and out and out[-1] == " ":
                    out[-1] = "\n"  # a newline wins over a space in the same run
                continue
            out.append("\n" if ch == "\n" else " ")
            offsets.append(i)
            prev_space = True
            continue
        mapped = _map_char(ch)
        if not mapped:
            continue
        for m in mapped:
            out.append(m)
            offsets.append(i)
        prev_space = False
    return "".join(out), offsets


def original_span(offsets: array, text_len: int, start: int, end: int) -> tuple[int, int]:
    """Map a normalised half-open span back to the original text."""
    if start >= len(offsets):
        return text_len, text_len
    o_start = offsets[start]
    o_end = offsets[end - 1] + 1 if end > start else o_start
    # Swallow dropped characters (tashkeel, tatweel) that trail the last mapped one.
    return o_start, o_end


def extend_over_marks(text: str, end: int) -> int:
    """Move ``end`` past combining marks and tatweel that belong to the last letter."""
    while end < len(text) and (text[end] in _DROP and not text[end].isspace()):
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
_SENT_END = re.compile(r"[.!?؟؛\n]+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open sentence spans over ``text``: split after . ! ? ؟ ؛ and at newlines,
    not after abbreviations (U.S., Dr.) or initials, nor inside numbers (3.5)."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _SENT_END.finditer(text):
        punct = m.group()
        if "\n" not in punct and punct[0] == ".":
            before = text[max(start, m.start() - 6):m.start()]
            word = re.split(r"[\s(\"'«]", before)[-1].lower()
            after = text[m.end():m.end() + 2]
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            if after[:1].isdigit() or (after[:1].isalpha() and after[:1].islower()):
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if start < n and text[start:].strip():
        spans.append((start, n))
    # Trim leading/trailing whitespace so sentence text is clean.
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


# --- language ---------------------------------------------------------------------

_PERSIAN_ONLY = set("پچژگکیۀ")
_URDU_ONLY = set("ٹڈڑںےۓھ")


def detect_language(text: str) -> str:
    """``ar``, ``en``, ``mixed``, ``fa``/``ur`` (Arabic script, other language) or ``und``.

    A script count is enough for the ar/en decision liqaa needs; the Persian and Urdu
    letters that Arabic never uses keep Farsi/Urdu from passing as Arabic."""
    arabic = latin = persian = urdu = 0
    for ch in text[:20000]:
        if is_arabic_letter(ch):
            arabic += 1
            if ch in _PERSIAN_ONLY:
                persian += 1
            elif ch in _URDU_ONLY:
                urdu += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
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
