"""Work and output stay linear in the text on claim-dense input: long sentences are read in
pieces, a claim's record quotes a window of its sentence, and claims per sentence are capped
with a note (bench/growth.py measures the same text at megabytes)."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from liqaa.claims import MAX_CLAIMS_PER_SENTENCE
from liqaa.document import LONGEST_SENTENCE, analyze
from liqaa.render import to_json
from liqaa.report import SENTENCE_WINDOW, check, sentence_window
from liqaa.text import bound_sentences, normalize, split_sentences

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "src" / "liqaa" / "schemas" / "check.schema.json").read_text(encoding="utf-8"))


def _bench():
    spec = importlib.util.spec_from_file_location("growth_bench", REPO / "bench" / "growth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


growth = _bench()


def dense_line(n_chars: int) -> str:
    """The growth bench's claim-dense text as one line, about n_chars characters."""
    text = growth.claim_dense_text(n_chars * 2, "line")   # Arabic: about two bytes a character
    return text[:text.rfind("، ", 0, n_chars)] + "."


# --- sentences ------------------------------------------------------------------------

def test_long_sentences_are_cut_at_clause_breaks_and_short_ones_kept():
    text = normalize("، ".join(f"قال الوزير رقم {i} كلاما" for i in range(400)) + ". جملة قصيرة.")
    spans = split_sentences(text)
    bounded = bound_sentences(text, spans, 600)
    assert max(e - s for s, e in bounded) <= 600
    assert len(bounded) > 10
    assert bounded[-1] == spans[-1]                                     # the short one as it was
    assert all(text[e - 1] in ",." or e == len(text) for s, e in bounded[:-2])  # after a comma
    assert "".join(text[s:e] for s, e in bounded).replace(" ", "") == \
        "".join(text[s:e] for s, e in spans).replace(" ", "")           # nothing lost


def test_a_cut_never_falls_inside_an_unbreakable_span():
    text = "word " * 1000
    names = [(k, k + 11) for k in range(0, len(text) - 20, 15)]   # "word word w" every 15 characters
    bounded = bound_sentences(text, [(0, len(text.rstrip()))], 300, names)
    for s, e in bounded:
        assert e - s <= 300
        assert not any(a < s < b or a < e < b for a, b in names)


def test_a_claim_dense_line_is_read_in_pieces_without_cutting_a_name(kb):
    doc = analyze(dense_line(20_000), kb)
    assert len(doc.sentences) >= 20_000 // LONGEST_SENTENCE
    assert max(e - s for s, e in doc.sentences) <= LONGEST_SENTENCE
    assert all(any(s <= m.nstart - len(m.prefix) and m.nend <= e for s, e in doc.sentences)
               for m in doc.mentions)


def test_the_sentences_of_news_are_not_changed(kb):
    text = (REPO / "examples" / "putin-witkoff.ar.md").read_text(encoding="utf-8")
    doc = analyze(text, kb)
    assert doc.sentences == split_sentences(doc.norm)


# --- the sentence a claim quotes ------------------------------------------------------

def test_a_claim_in_a_long_sentence_quotes_a_marked_window_around_it(kb):
    text = dense_line(3_000)
    report = check(text, kb=kb, date="2025-06-01")
    assert len(report.claims) > 20
    for record in report.to_dict()["claims"]:
        quoted = record["sentence"]
        assert len(quoted) <= SENTENCE_WINDOW
        assert record["sentence_cut"] is True
        assert record["mention"] in quoted
        assert quoted.startswith("…") or quoted.endswith("…")
        assert quoted.strip("…") in text


def test_a_claim_in_a_short_sentence_quotes_it_whole(kb):
    sentence = "التقى الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو في موسكو."
    records = check(f"{sentence}\n\nوقال الكرملين إن اللقاء كان بناء.", kb=kb, date="2025-06-01").to_dict()["claims"]
    assert [r["sentence"] for r in records] == [sentence, sentence]
    assert not any("sentence_cut" in r for r in records)


@pytest.mark.parametrize("at", [0, 500, 990])
def test_the_window_is_centred_on_the_claim_within_the_sentence(at):
    text = " ".join(f"w{i:03d}" for i in range(200))     # 999 characters, words of 4
    claim = text[at:at + 4]
    quoted, cut = sentence_window(text, 0, len(text), at, at + 4, limit=100)
    assert cut and len(quoted) <= 100 and claim in quoted
    assert quoted.startswith("…") == (at > 0)
    assert quoted.endswith("…") == (at < 900)
    assert all(len(w) == 4 for w in quoted.strip("…").split())   # cut between words


# --- bounded output and claims --------------------------------------------------------

def test_json_output_grows_linearly_with_a_claim_dense_line(kb):
    small = len(to_json([check(dense_line(4_000), kb=kb, date="2025-06-01")]))
    large = len(to_json([check(dense_line(16_000), kb=kb, date="2025-06-01")]))
    assert large < 4.5 * small, (small, large)


def test_claims_per_sentence_are_capped_with_a_note(kb):
    text = dense_line(LONGEST_SENTENCE - 100)   # one sentence, not cut in pieces
    assert len(split_sentences(normalize(text))) == 1
    report = check(text, kb=kb, date="2025-06-01")
    assert len(report.claims) == MAX_CLAIMS_PER_SENTENCE
    out = report.to_dict()
    assert out["notes"] == [f"1 sentence held more than {MAX_CLAIMS_PER_SENTENCE} claims: "
                            f"only the first {MAX_CLAIMS_PER_SENTENCE} of each were checked"]
    assert max(c["start"] for c in out["claims"]) < len(text) * 3 // 4   # the first ones, in text order


def test_cli_json_of_a_claim_dense_line_follows_the_schema(tmp_path):
    path = tmp_path / "dense.txt"
    path.write_text(dense_line(12_000), encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "liqaa", "check", str(path), "--format", "json",
                           "--as-of", "2025-06-01"], capture_output=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["notes"] and all(len(c["sentence"]) <= SENTENCE_WINDOW for c in data["claims"])
