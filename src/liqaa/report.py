"""Checking one document end to end, and the ``liqaa.check/1`` record of the result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from liqaa.claim_time import EARLIEST, LATEST
from liqaa.claims import Claim, find_claims
from liqaa.document import Document, analyze
from liqaa.kb.model import KB
from liqaa.verify import DEFAULT_STALE_AFTER, Verdict, Verifier, ClaimTime

CHECK_SCHEMA = "liqaa.check/1"
# A claim's record quotes its sentence, or this many characters of it around the claim:
# a record that carried a long sentence whole made the output grow with the square of a
# claim-dense text (every claim of a 0.5 MB line quoted the whole line).
SENTENCE_WINDOW = 600
_CUT = "…"
# How far a window's edge moves to fall between words.
_WORD_SNAP = 40


@dataclass
class CheckedClaim:
    claim: Claim
    verdict: Verdict
    sentence: str
    sentence_cut: bool = False   # the sentence is a window of a longer one (marked with …)

    def _role(self, kb: KB) -> str:
        """Derived roles (head_of_state: العاهل) are reported as the concrete office."""
        c = self.claim
        if c.role not in ("head_of_state", "head_of_government") or c.place_is_org or not c.place:
            return c.role
        holder = self.verdict.actual_holder
        if holder and holder.get("term"):
            return holder["term"]["role"]
        return kb.concrete_role(c.role, c.place)

    @property
    def date(self):
        """The date the claim was judged at: the verdict's when the sentence's own time did
        not fit and the article's date did, else the claim's (None: a window, or undated)."""
        return self.verdict.date if self.verdict.date_basis else self.claim.date

    @property
    def date_basis(self) -> str:
        return self.verdict.date_basis or self.claim.date_basis

    def when(self) -> str:
        """The claim's time in a few words, for people: "2025-03-13", "before 2015-07-21"."""
        if self.verdict.date_basis:   # judged at the article's date instead of the sentence's time
            return ClaimTime.at(self.verdict.date).short
        return ClaimTime.of(self.claim).short

    def to_dict(self, kb: KB, offset: int = 0) -> dict:
        """The liqaa.check/1 claim; spans index the source file (``offset`` = characters
        before the article body, e.g. Markdown front matter)."""
        c, v = self.claim, self.verdict
        person = kb.people[c.person_id].ref() if c.person_id else None
        out = {
            "mention": c.mention,
            "start": c.start + offset,
            "end": c.end + offset,
            "claim_span": {"start": c.span_start + offset, "end": c.span_end + offset},
            "sentence": self.sentence,
            **({"sentence_cut": True} if self.sentence_cut else {}),
            "person": person,
            "role": self._role(kb),
            "country": c.country,
            "org": c.org,
            "qualifier": c.qualifier,
            "date": str(self.date) if self.date else None,
            "date_basis": self.date_basis,
            "verdict": v.verdict,
            "reason": v.reason,
            "explanation": {"en": v.en, "ar": v.ar},
            "evidence": v.evidence,
            "actual_holder": v.actual_holder,
        }
        if self.date_basis == "context":
            out["time_cue"] = c.time_cue
            if c.window is not None:
                lo, hi = c.window
                out["window"] = {"from": None if lo == EARLIEST else str(lo), "to": None if hi == LATEST else str(hi)}
        if c.counterpart_of is not None:
            out["counterpart_of"] = c.counterpart_of
        if v.conflation:
            out["conflation"] = v.conflation
        return out


@dataclass
class Report:
    document: Document
    kb: KB
    claims: list[CheckedClaim] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        counts = {"supported": 0, "refuted": 0, "unverifiable": 0}
        for c in self.claims:
            counts[c.verdict.verdict] += 1
        return counts

    @property
    def refuted(self) -> bool:
        return any(c.verdict.verdict == "refuted" for c in self.claims)

    def to_dict(self) -> dict:
        doc = self.document
        return {
            "schema": CHECK_SCHEMA,
            "source": doc.source or doc.id or None,
            "language": doc.language,
            "as_of": str(doc.as_of or doc.date) if (doc.as_of or doc.date) else None,
            "kb": {"version": self.kb.version, "as_of": str(self.kb.as_of)},
            "claims": [c.to_dict(self.kb, doc.offset) for c in self.claims],
            "summary": self.summary,
            **doc.described(),
        }


def sentence_window(text: str, s: int, e: int, claim_start: int, claim_end: int,
                    limit: int = SENTENCE_WINDOW) -> tuple[str, bool]:
    """The sentence text[s:e] quoted for a claim at [claim_start, claim_end): whole when it
    has at most ``limit`` characters, else at most ``limit`` characters centred on the
    claim, cut between words where one is near, with … where text was left out; and
    whether it was cut."""
    if e - s <= limit:
        return text[s:e], False
    budget = limit - 2 * len(_CUT)
    claim_start, claim_end = max(s, claim_start), min(e, max(claim_end, claim_start))
    slack = max(0, budget - (claim_end - claim_start))
    lo = max(s, claim_start - slack // 2)
    hi = min(e, lo + budget)
    lo = max(s, hi - budget)
    if lo > s:
        space = text.find(" ", lo, min(lo + _WORD_SNAP, claim_start))
        lo = space + 1 if space >= 0 else lo
    if hi < e:
        space = text.rfind(" ", max(hi - _WORD_SNAP, claim_end), hi)
        hi = space if space >= 0 else hi
    return (_CUT if lo > s else "") + text[lo:hi].strip() + (_CUT if hi < e else ""), True


def verify_claims(doc: Document, kb: KB, claims: list[Claim], stale_after: int = DEFAULT_STALE_AFTER) -> list[CheckedClaim]:
    verifier = Verifier(kb, stale_after=stale_after)
    checked = []
    for claim in claims:
        verdict = verifier(claim)
        s, e = doc.original(*doc.sentence_of(claim.nstart))
        sentence, cut = sentence_window(doc.text, s, e, claim.span_start, claim.span_end)
        checked.append(CheckedClaim(claim, verdict, sentence, cut))
    return checked


def check_document(doc: Document, kb: KB, stale_after: int = DEFAULT_STALE_AFTER) -> Report:
    claims = find_claims(doc, kb)
    return Report(document=doc, kb=kb, claims=verify_claims(doc, kb, claims, stale_after))


def check(text: str, as_of: dt.date | str | None = None, lang: str | None = None, *, kb: KB | None = None,
          date: dt.date | str | None = None, stale_after: int = DEFAULT_STALE_AFTER, **meta) -> Report:
    """Check every who-is-who claim in ``text``. ``as_of`` dates claims when the text
    gives no date; ``date`` is the document's own date (metadata)."""
    from liqaa.dates import document_date_arg, parse_date_arg
    from liqaa.kb import default_kb

    kb = kb or default_kb()
    if isinstance(as_of, str):
        as_of = parse_date_arg(as_of)
    read = document_date_arg(date)
    doc = analyze(text, kb, as_of=as_of, date=read and read.date, lang=lang, **meta)
    doc.notes.extend([read.note] if read and read.note else [])
    return check_document(doc, kb, stale_after)
