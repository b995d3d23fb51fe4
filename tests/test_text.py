"""The text layer: normalisation keeps an exact map back to the original text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from liqaa.text import detect_language, normalize, normalize_with_map, split_sentences


def test_hamza_ya_ta_marbuta_and_tashkeel_fold_together():
    assert normalize("أميركي") == normalize("اميركي")
    assert normalize("إسرائيل") == normalize("اسرائيل")
    assert normalize("مصطفى") == normalize("مصطفي")
    assert normalize("الجمهورية") == normalize("الجمهوريه")
    assert normalize("بُوتِين") == normalize("بوتين")
    assert normalize("بوتيـــن") == "بوتين"


def test_marks_after_a_letter_go_at_a_words_end_too():
    # A case ending must not stand between the words of "رئيس الوزراء".
    assert normalize_with_map("رئيسَ الوزراء")[0] == normalize("رئيس الوزراء")
    assert normalize_with_map("وزيرُ الخارجيةِ")[0] == normalize("وزير الخارجية")


def test_arabic_indic_digits_become_ascii():
    assert normalize("١٣ مارس ٢٠٢٥") == "13 مارس 2025"
    assert normalize("۱۴۰۳") == "1403"


def test_bidi_and_zero_width_controls_are_dropped():
    assert normalize("\u200fبوتين\u200e") == "بوتين"
    assert normalize("Put\u200bin") == "putin"


def test_latin_is_lowercased_and_accents_folded():
    assert normalize("António Guterres") == "antonio guterres"


def test_offsets_point_into_the_original():
    text = "قال الرَّئيسُ  الروسي"
    norm, offsets = normalize_with_map(text)
    i = norm.index("الروسي")
    assert text[offsets[i]:offsets[i + len("الروسي") - 1] + 1] == "الروسي"


def test_sentences_split_on_arabic_and_latin_punctuation_but_not_abbreviations():
    text = "التقى بوتين ويتكوف. هل اتفقا؟ ثم غادر.\nU.S. envoy Steve Witkoff met Dr. Smith in Moscow."
    sentences = [text[s:e] for s, e in split_sentences(text)]
    assert sentences == ["التقى بوتين ويتكوف.", "هل اتفقا؟", "ثم غادر.",
                         "U.S. envoy Steve Witkoff met Dr. Smith in Moscow."]


def test_language_detection():
    assert detect_language("استقبل الرئيس الروسي فلاديمير بوتين المبعوث الأمريكي") == "ar"
    assert detect_language("Russian President Vladimir Putin received the US envoy") == "en"
    assert detect_language("قال Putin إن the talks were useful واللقاء مثمر") == "mixed"
    assert detect_language("رئیس‌جمهور پزشکیان گفت که ایران آماده گفتگو است") == "fa"
    assert detect_language("1234 ...") == "und"


@settings(max_examples=300)
@given(st.text())
def test_normalisation_is_idempotent_and_never_raises(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300)
@given(st.text())
def test_every_normalised_character_maps_to_an_original_character(text):
    norm, offsets = normalize_with_map(text)
    assert len(norm) == len(offsets)
    assert all(0 <= o < len(text) for o in offsets)
    assert list(offsets) == sorted(offsets)


@settings(max_examples=200)
@given(st.text())
def test_sentence_spans_are_within_the_text(text):
    for s, e in split_sentences(text):
        assert 0 <= s < e <= len(text)
        assert text[s:e].strip() == text[s:e]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["الرَّئيسُ", "بوتيـــن", "  ", " ", "لقاء", "Putin", "ـ", "\u200f", "ُ", "x"]), max_size=20)
       .map("".join))
def test_an_original_position_finds_its_normalised_one_as_a_bisection_would(text):
    from bisect import bisect_left

    _, offsets = normalize_with_map(text)
    mapped = list(offsets)
    for original in range(-1, len(text) + 2):
        assert offsets.position_of(original) == bisect_left(mapped, original)
