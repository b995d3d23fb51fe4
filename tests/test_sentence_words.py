"""One scan of a claim's sentence serves the two cheap looks made there (the words the
date patterns need, the words the time cues need): the same dates and cues as each look
scanning on its own, and no second pass over the sentence."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import liqaa.claim_time as claim_time
from liqaa.claim_time import find_cues
from liqaa.dates import find_dates
from liqaa.report import check
from liqaa.sentence_words import scan
from liqaa.text import normalize

SENTENCES = [
    "1909 - استقالة رئيس الحكومة الفرنسي جورج كليمنصو",
    "الرئيس الأميركي جيمس بولك، الذي استمرت رئاسته بين عامي 1845 و1849",
    "وكان رئيس الوزراء العراقي نوري المالكي قد زار طهران في مارس 2011",
    "التقى الرئيس الروسي فلاديمير بوتين أمس الاثنين نظيره في موسكو آنذاك",
    "في عهد الملك فهد، وخلال رئاسة الرئيس الأمريكي جورج بوش الأب (1989-1993)",
    "وفاة أمير الكويت الشيخ صباح الأحمد الجابر الصباح يوم 29 سبتمبر 2020",
    "The late King Abdullah met President Obama in 2014, at the time the talks were in early May",
    "وقال إن 3456 شخصا حضروا لقاء الرئيس في العام الماضي",
]
_PIECES = ["في", "عام", "العام", "الماضي", "عهد", "الملك", "كان", "قد", " قد ", "آنذاك", "وفاة", "بين", "عامي",
           "1845", "1849", "2015", "3", "-", "(", ")", "مارس", "اب", "ابنه", "then", "in", "May", "\n", "،"]


def _same_either_way(text: str, document_date=dt.date(2025, 3, 13)):
    norm = normalize(text)
    words = scan(norm)
    assert find_dates(norm, document_date, words) == find_dates(norm, document_date)
    for at in range(0, len(norm) + 1, 7):
        for year in (2025, 1990, None):
            assert find_cues(norm, 0, len(norm), at, year, words) == find_cues(norm, 0, len(norm), at, year)


@pytest.mark.parametrize("text", SENTENCES)
def test_one_scan_reads_as_each_look_alone(text):
    _same_either_way(text)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.lists(st.sampled_from([" ", " ", "", "-"]), min_size=14, max_size=14))
def test_one_scan_reads_as_each_look_alone_in_any_order(pieces, gaps):
    _same_either_way("".join(p + g for p, g in zip(pieces, gaps)))


def test_a_window_inside_a_long_sentence_reads_only_its_own_words():
    # A cue word 300 characters away from the claim is outside its window either way.
    norm = normalize("آنذاك " + "كلمة " * 60 + "التقى الرئيس الروسي فلاديمير بوتين")
    at = norm.index(normalize("الرئيس"))
    words = scan(norm)
    assert find_cues(norm, 0, len(norm), at, 2025, words) == find_cues(norm, 0, len(norm), at, 2025) == (None, None)


def test_a_claims_sentence_is_not_scanned_again_for_its_time_cues(small_kb, monkeypatch):
    automaton, some_always = claim_time._needed_words()
    passes = []

    class Counting:
        def iter(self, *args):
            passes.append(args)
            return automaton.iter(*args)

    monkeypatch.setattr(claim_time, "_needed_words", lambda: (Counting(), some_always))
    report = check("التقى الرئيس الروسي فلاديمير بوتين في موسكو آنذاك", kb=small_kb, date="2025-03-13")
    assert report.claims and report.claims[0].claim.time_cue == "then"
    assert passes == []
