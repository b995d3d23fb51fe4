"""The Document: one article as it flows through liqaa's stages.

``analyze`` does the single pass every later stage reads: normalisation with the offset
map, sentence spans, and one gazetteer scan (people, places, titles, and the lexicons of
meeting extraction). Dates, paragraphs and lexicon mentions are read off that pass on
first use: most articles never need them.
"""

from __future__ import annotations

import datetime as dt
import math
from array import array
from bisect import bisect_left, bisect_right
from operator import attrgetter
from dataclasses import dataclass, field
from functools import cached_property

from liqaa.dates import FoundDate, find_dates
from liqaa.gazetteer import ENTITY, LEXICON, Gazetteer, Mention, gazetteer_for, mentions_in, mentions_of, scan_hits
from liqaa.kb.model import KB
from liqaa.sentence_words import SentenceWords
from liqaa.sentence_words import scan as scan_words
from liqaa.text import (bound_sentences, detect_language, extend_over_marks, normalize_with_map, paragraph_spans,
                        speedups, split_sentences)


_NSTART = attrgetter("nstart")

# A sentence longer than this many characters is read in pieces (text.bound_sentences).
# The work per claim grows with its sentence (the counterpart's walk back, the time cues),
# so a text that never ends a sentence (a claim-dense line of megabytes) made the check
# quadratic. News sentences stay whole: the longest of the 36,000 development articles has
# 3,745 characters, and a bound of 600 (the claim's sentence window in the report) would
# cut 5,000 of their sentences and move the explicit date of 39 claims out of reach.
LONGEST_SENTENCE = 4000


@dataclass
class Document:
    text: str
    id: str = ""
    source: str = ""
    url: str | None = None
    title: str | None = None
    date: dt.date | None = None          # the date the document states (metadata, JSONL)
    as_of: dt.date | None = None         # the user's --as-of, used when the text gives none
    language: str = "und"
    norm: str = ""
    offsets: array = field(default_factory=lambda: array("l"))
    sentences: list[tuple[int, int]] = field(default_factory=list)    # normalised spans
    mentions: list[Mention] = field(default_factory=list)             # entity layer
    notes: list[str] = field(default_factory=list)
    offset: int = 0      # where ``text`` starts in the file it came from (after front matter)
    _dates: list[FoundDate] | None = field(default=None, repr=False)
    _span_dates: dict = field(default_factory=dict, repr=False)
    _span_words: dict = field(default_factory=dict, repr=False)
    _hits: list[tuple] = field(default_factory=list, repr=False)   # the gazetteer's, for the lexicon
    _span_lexicon: dict = field(default_factory=dict, repr=False)

    # Only meeting extraction reads the lexicon layer and the paragraphs, and only around
    # the meeting words of articles that have one: they are made on first use, for the
    # spans asked about.
    @cached_property
    def lexicon(self) -> list[Mention]:
        """Lexicon mentions (meeting verbs, topics, goals ...), in text order."""
        return mentions_of(self._hits, self.text, LEXICON)

    def lexicon_in(self, nstart: int, nend: int) -> list[Mention]:
        """The lexicon mentions that start within a normalised span, cached per span."""
        found = self._span_lexicon.get((nstart, nend))
        if found is None:
            found = self._span_lexicon[nstart, nend] = mentions_in(self._hits, self.text, LEXICON, nstart, nend)
        return found

    def lexicon_of(self, kind: str) -> list[Mention]:
        """The lexicon mentions with a pattern of this kind (the meeting words ...)."""
        return mentions_in(self._hits, self.text, LEXICON, kind=kind)

    def hits_with(self, kind: str) -> list[tuple]:
        """The gazetteer hits with a pattern of this kind (before the proclitic readings
        are settled): a cheap look before a layer's mentions are made."""
        if speedups is not None:
            return speedups.hits_with(self._hits, kind)
        return [hit for hit in self._hits if kind in hit[2][4]]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """Normalised paragraph spans."""
        return paragraph_spans(self.norm)

    def dates_in(self, nstart: int, nend: int) -> list[FoundDate]:
        """Explicit dates within a normalised span (a paragraph), cached per span."""
        if self._dates is not None:
            return [d for d in self._dates if nstart <= d.nstart < nend]
        key = (nstart, nend)
        found = self._span_dates.get(key)
        if found is None:
            words = self.words_in(nstart, nend)
            found = [FoundDate(d.nstart + nstart, d.nend + nstart, d.date, d.calendar)
                     for d in find_dates(self.norm[nstart:nend], self.date or self.as_of, words)]
            self._span_dates[key] = found
        return found

    def words_in(self, nstart: int, nend: int) -> SentenceWords:
        """The words the date patterns and the time cues look for first, in a normalised
        span (a claim's sentence), found in one pass and cached per span."""
        found = self._span_words.get((nstart, nend))
        if found is None:
            found = self._span_words[nstart, nend] = scan_words(self.norm[nstart:nend])
        return found

    @property
    def dates(self) -> list[FoundDate]:
        """Explicit dates in the text, found on first use: most articles have no claim or
        meeting that needs one, and the date patterns are the costliest scan."""
        if self._dates is None:
            self._dates = find_dates(self.norm, self.date or self.as_of)
        return self._dates

    # --- spans -----------------------------------------------------------------------

    def original(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original-text span of a normalised span, with the marks that trail its last letter
        (the normalised text has none after a letter: "أولاً", not "أولا")."""
        if nstart >= len(self.offsets):
            return len(self.text), len(self.text)
        start = self.offsets[nstart]
        end = extend_over_marks(self.text, self.offsets[nend - 1] + 1) if nend > nstart else start
        return start, end

    def original_text(self, nstart: int, nend: int) -> str:
        s, e = self.original(nstart, nend)
        return self.text[s:e]

    def sentence_index(self, npos: int) -> int:
        # Bisecting the (start, end) spans with (npos, inf) counts the sentences that start
        # at or before npos, without building a list of starts per call.
        return max(0, bisect_right(self.sentences, (npos, math.inf)) - 1)

    def sentences_at(self, positions: list[int]) -> list[tuple[int, int, int, list[Mention]]]:
        """(index, start, end, the entity mentions starting in it) for each sentence that
        holds one of the normalised positions (given in order), once each, in order."""
        if not self.sentences:
            return [(0, 0, len(self.norm), self.mentions)] if positions else []
        if speedups is not None:
            return speedups.sentences_at(positions, self.sentences, self.mentions)
        found, last = [], -1
        for p in positions:
            i = self.sentence_index(p)
            if i == last:
                continue
            last = i
            s, e = self.sentences[i]
            found.append((i, s, e, self.mentions[bisect_left(self.mentions, s, key=_NSTART):
                                                 bisect_left(self.mentions, e, key=_NSTART)]))
        return found

    def sentence_of(self, npos: int) -> tuple[int, int]:
        if not self.sentences:
            return 0, len(self.norm)
        return self.sentences[self.sentence_index(npos)]

    def paragraph_of(self, npos: int) -> tuple[int, int]:
        for s, e in self.paragraphs:
            if s <= npos < e:
                return s, e
        return 0, len(self.norm)

    def described(self) -> dict:
        """The fields every output record carries about its document: those it has."""
        out: dict = {}
        if self.id:
            out["id"] = self.id
        if self.title:
            out["title"] = self.title
        if self.url:
            out["url"] = self.url
        if self.date:
            out["date"] = str(self.date)
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @cached_property
    def document_date(self) -> tuple[dt.date, str]:
        """The fallback date of a claim and its basis: document, then --as-of, then today
        (read once: the stages ask for it per claim and per title)."""
        if self.date:
            return self.date, "document"
        if self.as_of:
            return self.as_of, "as_of"
        return dt.date.today(), "as_of"


def analyze(text: str, kb: KB, *, id: str = "", source: str = "", url: str | None = None,
            title: str | None = None, date: dt.date | None = None, as_of: dt.date | None = None,
            lang: str | None = None, gazetteer: Gazetteer | None = None) -> Document:
    norm, offsets = normalize_with_map(text)
    doc = Document(text=text, id=id, source=source, url=url, title=title, date=date, as_of=as_of,
                   norm=norm, offsets=offsets)
    doc.language = lang if lang and lang != "auto" else detect_language(text)
    doc._hits = scan_hits(text, norm, offsets, gazetteer or gazetteer_for(kb))
    doc.mentions = mentions_of(doc._hits, text, ENTITY)
    # The mentions' spans are a generator: bound_sentences reads them only when a sentence is
    # too long, which news almost never has.
    doc.sentences = bound_sentences(norm, split_sentences(norm), LONGEST_SENTENCE,
                                    ((m.nstart - len(m.prefix), m.nend) for m in doc.mentions))
    return doc
