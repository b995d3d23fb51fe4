"""One automaton pass over a claim's sentence for the two cheap looks made there before
any pattern runs: the words the date patterns need (``liqaa.dates``) and the words the
time cues need (``liqaa.claim_time``). Each look alone reads the sentence once more.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from liqaa.dates import first_ascii_digit


@dataclass(frozen=True, slots=True)
class SentenceWords:
    date_hits: list[tuple[int, tuple[int, int]]]   # (end, value) as liqaa.dates' automaton gives them
    cue_hits: list[tuple[int, int, int]]           # (start, end, rule bits), end exclusive
    first_digit: int                               # of the ASCII digits; -1: none


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    from liqaa.claim_time import needed_word_bits
    from liqaa.dates import HINT_WORDS

    cue_words = needed_word_bits()
    automaton = ahocorasick.Automaton()
    for word in {*HINT_WORDS, *cue_words}:
        automaton.add_word(word, (HINT_WORDS.get(word), cue_words.get(word, 0), len(word)))
    automaton.make_automaton()
    return automaton


def scan(text: str) -> SentenceWords:
    """The date hint words, the time-cue words and the first digit of a normalised text."""
    date_hits, cue_hits = [], []
    for end, (date_value, cue_bits, length) in _automaton().iter(text):
        if date_value is not None:
            date_hits.append((end, date_value))
        if cue_bits:
            cue_hits.append((end + 1 - length, end + 1, cue_bits))
    return SentenceWords(date_hits, cue_hits, first_ascii_digit(text))
