"""The Pope as head of state of the Holy See: claims, verdicts and meetings at the Vatican."""

import pytest

from liqaa.extract import extract
from liqaa.report import check


def verdicts(kb, text, date):
    return [(c.claim.mention, c.claim.role, c.claim.place, c.verdict.verdict) for c in check(text, kb=kb, date=date).claims]


def test_the_pope_of_the_vatican_is_checked_at_the_claim_date(kb):
    text = "استقبل بابا الفاتيكان ليو الرابع عشر الرئيس اللبناني جوزيف عون."
    assert ("ليو الرابع عشر", "pope", "VA", "supported") in verdicts(kb, text, "2025-06-16")
    # A year earlier Francis was pope: the claim is refuted, and the report names him.
    report = check(text, kb=kb, date="2024-06-16")
    pope = next(c for c in report.claims if c.claim.role == "pope")
    assert pope.verdict.verdict == "refuted"
    assert pope.verdict.actual_holder["id"] == "pope-francis" and "Pope Francis" in pope.verdict.en


@pytest.mark.parametrize("text", [
    "التقى الرئيس المصري عبد الفتاح السيسي البابا تواضروس الثاني بابا الإسكندرية في القاهرة.",
    "وقال البابا تواضروس الثاني إن الكنيسة تدعم الدولة.",
])
def test_the_coptic_pope_is_not_taken_for_the_pope_of_rome(kb, text):
    # البابا alone names the Coptic pope too: without the Vatican there is no pope claim.
    assert all(role != "pope" for _, role, _, _ in verdicts(kb, text, "2025-06-16"))


def test_a_meeting_with_the_pope_at_the_vatican_is_hosted_by_him(kb):
    report = extract("Lebanese President Joseph Aoun told reporters after meeting Pope Leo XIV at the "
                     "Vatican on Monday that Lebanon needed international support.", kb=kb, date="2025-06-16")
    (meeting,) = report.meetings
    assert meeting.kind == "host"
    host = next(p for p in meeting.participants if p.side == "host")
    assert host.person_id == "pope-leo-xiv"
