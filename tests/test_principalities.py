"""Monaco's and Liechtenstein's princes and Luxembourg's grand duke: أمير is both "emir" and
"prince", and "Prince" is also an honorific — neither may turn into a wrong verdict."""

import datetime as dt

from liqaa.document import analyze
from liqaa.report import check


def verdicts(kb, text, date):
    return [(c.claim.mention, c.claim.role, c.claim.place, c.verdict.verdict)
            for c in check(text, kb=kb, date=date).claims]


def test_the_emir_of_monaco_is_its_prince(kb):
    found = verdicts(kb, "استقبل أمير موناكو ألبير الثاني الرئيس الفرنسي إيمانويل ماكرون في القصر الأميري.",
                     "2025-06-10")
    assert ("ألبير الثاني", "emir", "MC", "supported") in found
    assert ("إيمانويل ماكرون", "president", "FR", "supported") in found


def test_the_emir_of_qatar_is_still_an_emir(kb):
    assert verdicts(kb, "استقبل أمير قطر الشيخ تميم بن حمد آل ثاني الوفد.", "2025-06-10") == [
        ("تميم بن حمد آل ثاني", "emir", "QA", "supported")]


def test_the_grand_dukes_are_linked_and_dated(kb):
    doc = analyze("Talks with Grand Duke Henri of Luxembourg and Grand Duke Guillaume ended.", kb)
    linked = {p.ref for m in doc.mentions for p in m.patterns if p.kind == "person"}
    assert {"henri-of-luxembourg", "guillaume-of-luxembourg"} <= linked
    assert [t.person_id for t in kb.holders("head_of_state", "LU", dt.date(2024, 5, 2))] == ["henri-of-luxembourg"]
    assert [t.person_id for t in kb.holders("head_of_state", "LU", dt.date(2026, 1, 15))] == ["guillaume-of-luxembourg"]


def test_a_saudi_prince_is_not_a_claim_to_a_princely_office(kb):
    for text in ("Saudi Foreign Minister Prince Faisal bin Farhan met his Iranian counterpart.",
                 "التقى وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره الإيراني."):
        roles = {role for _, role, _, _ in verdicts(kb, text, "2025-06-10")}
        assert roles <= {"foreign_minister"}, roles
