"""The compiled text layer (liqaa._speedups) gives exactly what the pure-Python one gives.

liqaa runs without the extension (a machine with no C compiler, or LIQAA_PURE_PYTHON=1),
so the Python functions define the meaning; these tests hold the compiled twins to them on
generated text built from real Arabic and English phrasing, and on real news when
../shared/data is present.
"""

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import liqaa.claims as claims_module
import liqaa.document as document_module
import liqaa.gazetteer as gazetteer_module
import liqaa.text as text_module
from liqaa.gazetteer import ENTITY, LEXICON, gazetteer_for, mentions_in, scan_hits, scan_mentions
from liqaa.kb import default_kb
from liqaa.text import detect_language, normalize_with_map, split_sentences

speedups = text_module.speedups

if os.environ.get("LIQAA_REQUIRE_SPEEDUPS"):
    def test_the_compiled_speedups_are_built():
        assert speedups is not None, "liqaa._speedups did not build or import"

pytestmark = pytest.mark.skipif(speedups is None, reason="liqaa._speedups is not built")

ALJAZEERA = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "aljazeera_dev" / "items.jsonl"

# Words and marks that exercise every branch: clitics before names, hamza/ya/ta marbuta
# variants, tashkeel inside and at the edge of words, tatweel, presentation forms (ﻻ ﷲ),
# full-width and accented Latin, capital sigma, Arabic-Indic digits, abbreviations.
PIECES = ["الرئيس", "لقاء", "واجتمع", "زيارة", "القمة", "talks", "met", "on the sidelines of", "الروسي", "فلاديمير", "بوتين", "وبوتين", "لبوتين", "نظيره", "البيلاروسي",
          "ألكسندر", "لوكاشينكو", "ويتكوف", "ستيف", "أمير", "قطر", "ولي", "عهد", "السعودية", "للسعودية",
          "وبالسعودية", "الأمير", "محمد", "بن", "سلمان", "استقبل", "التقى", "في", "موسكو", "الرياض",
          "مصر", "مصرف", "الرَّئيسُ", "بُوتِين", "بوتيـــن", "ﻻ", "ﷲ", "ﺑﻮﺗﻴﻦ", "Ｐｕｔｉｎ", "António",
          "Guterres", "ΟΔΟΣ", "İstanbul", "١٣", "مارس", "٢٠٢٥", "U.S.", "Dr.", "Mr.", "envoy", "Steve",
          "Witkoff", "President", "Putin", "Russia's", "س.", "3.5", "؟", "؛", "،", ".", "!", "\n",
          "\n\n", "  ", "\u200f", "\u200b", "\t", "\u00a0", "«", "»", "(", ")", "-", "'"]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=30).map(
    lambda parts: "".join(p if i % 3 == 0 else p + " " for i, p in enumerate(parts)))


def _both(function, *args, gazetteer=None):
    """The function's result with the compiled twins, and without them."""
    compiled = function(*args)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(text_module, "speedups", None)
        mp.setattr(gazetteer_module, "speedups", None)
        mp.setattr(claims_module, "speedups", None)
        mp.setattr(document_module, "speedups", None)
        if gazetteer is not None:
            mp.setattr(gazetteer, "trie", None)
        python = function(*args)
    return compiled, python


def _normalised(text):
    norm, offsets = normalize_with_map(text)
    return norm, list(offsets)


def _mentions(text, gazetteer):
    norm, offsets = normalize_with_map(text)
    entity, lexicon = scan_mentions(text, norm, offsets, gazetteer)
    return [[(m.start, m.end, m.nstart, m.nend, m.text, m.patterns, m.prefix, m.layer) for m in layer]
            for layer in (entity, lexicon)]


def _around(text, gazetteer):
    """The lexicon mentions asked for by span (each sentence, each third of the text) and
    by kind (the meeting words), as extraction asks for them."""
    norm, offsets = normalize_with_map(text)
    hits = scan_hits(text, norm, offsets, gazetteer)
    n = len(norm)
    spans = split_sentences(norm) + [(0, n // 3), (n // 3, 2 * n // 3), (2 * n // 3, n + 1)]
    asked = [mentions_in(hits, text, LEXICON, s, e) for s, e in spans]
    asked += [mentions_in(hits, text, layer, kind=kind) for layer, kind in ((LEXICON, "meeting"), (ENTITY, "person"))]
    return [[(m.start, m.end, m.nstart, m.nend, m.prefix, m.patterns) for m in found] for found in asked]


def _claim_sentences(text, gazetteer):
    """The sentences the claim stage reads, with their mentions, and the stream of words
    and mentions it walks in each (every sentence's too)."""
    from liqaa.document import Document

    norm, offsets = normalize_with_map(text)
    entity, _ = scan_mentions(text, norm, offsets, gazetteer)
    sentences = split_sentences(norm)
    found = claims_module.sentences_with(entity, sentences, claims_module._CLAIM_KIND_SET)
    doc = Document(text=text, norm=norm, offsets=offsets)
    streams = [claims_module._Stream(doc, s, e, inside) for s, e, inside in found]
    streams += [claims_module._Stream(doc, s, e, [m for m in entity if s <= m.nstart and m.nend <= e])
                for s, e in sentences]
    doc.sentences, doc.mentions = sentences, entity
    at = doc.sentences_at(list(range(-1, len(norm) + 2, 7)))
    return ([(s, e, [(m.nstart, m.nend) for m in inside]) for s, e, inside in found],
            [(i, s, e, [(m.nstart, m.nend) for m in inside]) for i, s, e, inside in at],
            [([item if isinstance(item, str) else (item.nstart, item.nend) for item in st.items],
              st.mention_indices, st._run_firsts, st._run_bounds) for st in streams])


def _everything(text, gazetteer):
    norm = normalize_with_map(text)[0]
    return (_normalised(text), split_sentences(norm), split_sentences(text), detect_language(text),
            _mentions(text, gazetteer), _around(text, gazetteer), _claim_sentences(text, gazetteer))


@pytest.fixture(scope="module")
def gazetteer():
    return gazetteer_for(default_kb())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_compiled_and_python_agree_on_generated_text(gazetteer, text):
    compiled, python = _both(_everything, text, gazetteer, gazetteer=gazetteer)
    assert compiled == python


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_compiled_and_python_agree_on_arbitrary_unicode(gazetteer, text):
    compiled, python = _both(_everything, text, gazetteer, gazetteer=gazetteer)
    assert compiled == python


def test_the_compiled_scan_finds_names_after_clitics_and_spans_the_original(gazetteer):
    text = "وبُوتِين استقبل ويتكوف، ثم قال للسعوديةِ إن الأمير محمد بن سلمان..."
    entity, _ = _mentions(text, gazetteer)
    spans = [t for (_, _, _, _, t, _, _, _) in entity]
    assert "بُوتِين" in spans          # after و and ب, tashkeel inside the word kept in the span
    assert "ويتكوف" in spans
    assert "للسعوديةِ" in spans      # ل + ال written لل; the trailing kasra belongs to the last letter
    assert "محمد بن سلمان" in spans


def test_the_compiled_trie_survives_the_gazetteer_cache(gazetteer):
    import pickle

    copy = pickle.loads(pickle.dumps(gazetteer))
    text = "التقى الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو في مينسك."
    assert _mentions(text, copy) == _mentions(text, gazetteer)


@pytest.mark.skipif(not ALJAZEERA.exists(), reason="../shared/data is not present")
def test_compiled_and_python_agree_on_real_news(gazetteer):
    with ALJAZEERA.open(encoding="utf-8") as fh:
        items = [json.loads(line)["text"] for _, line in zip(range(400), fh)]
    for text in items:
        compiled, python = _both(_everything, text, gazetteer, gazetteer=gazetteer)
        assert compiled == python, text[:80]


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, st.text()), st.integers(0, 40), st.integers(0, 400))
def test_compiled_tokens_are_the_claim_stage_tokens(text, start, end):
    from liqaa.claims import _TOKEN

    norm = normalize_with_map(text)[0]
    assert speedups.tokens(norm, start, end) == _TOKEN.findall(norm, start, end)


def test_tokens_keep_abbreviations_and_inner_marks_together():
    assert speedups.tokens("u.s. envoy o'brien, al-sisi met 3.5 ...", 0, 100) == \
        ["u.s.", "envoy", "o'brien", ",", "al-sisi", "met", "3.5", ".", ".", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=25))
def test_compiled_longest_first_keeps_the_same_mentions(spans):
    from liqaa.gazetteer import Mention, _longest_first

    mentions = [Mention(s, s + n, s, s + n, "x" * n, (), "", "entity") for s, n in spans]
    compiled, python = _both(_longest_first, mentions)
    assert [id(m) for m in compiled] == [id(m) for m in python]


def test_mentions_made_in_c_behave_as_the_python_ones(gazetteer):
    import pickle

    from liqaa.gazetteer import Mention, _MentionFields

    text = "التقى الرئيس الروسي فلاديمير بوتين وبالرئيس الأمريكي في موسكو."
    entity, _ = scan_mentions(text, *normalize_with_map(text), gazetteer)
    made = entity[0]
    assert isinstance(made, speedups.MentionFields) and type(made) is Mention
    by_hand = Mention(made.start, made.end, made.nstart, made.nend, made.text, made.patterns, made.prefix, made.layer)
    assert by_hand == made and repr(by_hand) == repr(made)
    assert pickle.loads(pickle.dumps(made)) == made
    assert made != Mention(made.start + 1, made.end, made.nstart, made.nend, made.text, made.patterns)
    with pytest.raises(TypeError):
        hash(made)
    # The pure-Python fields class takes the same arguments, defaults included.
    plain = _MentionFields(1, 2, 1, 2, "x", ())
    assert (plain.prefix, plain.layer) == ("", "entity")


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts, st.text()), st.integers(-2, 40), st.integers(0, 400))
def test_compiled_capital_test_is_the_python_one(text, start, end):
    compiled, python = _both(text_module.has_capital, text, start, end)
    assert compiled == python
