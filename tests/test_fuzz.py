"""Property tests of the input and text layers under the CI hypothesis profile
(tests/conftest.py): whatever the input, each layer either gives what a user relies on
(offsets that point into the text, spans in bounds, dates that are dates) or says no with
its documented clean error — never another exception."""

from __future__ import annotations

import datetime as dt
import io
import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from liqaa.dates import find_dates, parse_date_arg, parse_iso_date, read_document_date
from liqaa.front_matter import FrontMatterRefused, load_front_matter
from liqaa.sources import (SourceError, SourceItem, SourceProblem, html_fragment_text, iter_feed, iter_jsonl,
                           read_stream, split_front_matter)
from liqaa.text import normalize, normalize_with_map, original_span, split_sentences

# Arabic (letters, marks, tatweel, Arabic-Indic digits, presentation forms), Latin with
# accents, punctuation and every kind of space and line break, plus anything at all.
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC)
NEWS_CHARS = st.one_of(ARABIC, PRESENTATION, st.sampled_from(" \t\n\r\u00a0\u200f\u2028.!?؟؛,،:-/()«»\"'0123456789"),
                       st.characters(min_codepoint=0x20, max_codepoint=0x24F), st.characters())
NEWS_TEXT = st.text(NEWS_CHARS, max_size=300)


# --------------------------------------------------------------------------- text layer

@given(NEWS_TEXT)
def test_normalised_offsets_point_into_the_original_text_in_order(text):
    norm, offsets = normalize_with_map(text)
    assert len(offsets) == len(norm)
    positions = list(offsets)
    assert all(0 <= p < len(text) for p in positions)
    assert positions == sorted(positions)   # in order; a presentation form (ﻻ) gives two letters of one
    for start in range(0, len(norm), 7):
        a, b = original_span(offsets, len(text), start, min(len(norm), start + 5))
        assert 0 <= a <= b <= len(text)


@given(NEWS_TEXT)
def test_normalising_twice_changes_nothing(text):
    once = normalize(text)
    assert normalize(once) == once


@given(NEWS_TEXT)
def test_sentences_are_ordered_trimmed_spans_of_the_text(text):
    spans = split_sentences(text)
    end = 0
    for s, e in spans:
        assert end <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        end = e
    assert all(c.isspace() for c in text[end:])


# --------------------------------------------------------------------------- dates

@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_an_iso_date_reads_back_as_itself_in_every_form(day):
    assert parse_date_arg(day.isoformat()) == day
    assert parse_date_arg(day.strftime("%Y-%m")) == day.replace(day=1)
    assert parse_date_arg(str(day.year), end=True) == dt.date(day.year, 12, 31)
    assert read_document_date(day.isoformat()).date == day
    numeric = read_document_date(day.strftime("%d/%m/%Y"))
    assert numeric.date == day and (numeric.note is None) == (day.day > 12 or day.day == day.month)


@given(st.text(max_size=40))
def test_a_date_option_is_an_iso_date_or_a_value_error(value):
    try:
        pd = parse_iso_date(value)
    except ValueError as e:
        assert "expected YYYY, YYYY-MM or YYYY-MM-DD" in str(e)
    else:
        assert str(pd) == value.strip()


@given(st.one_of(NEWS_TEXT, st.integers(), st.floats(), st.none(), st.lists(st.integers(), max_size=3)))
def test_a_document_date_is_a_day_or_none(value):
    read = read_document_date(value)
    assert read is None or (type(read.date) is dt.date and (read.note is None or "read day first" in read.note))


@given(NEWS_TEXT, st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1)))
def test_dates_found_in_a_text_are_ordered_spans_in_it(text, document_date):
    norm = normalize(text)
    end = 0
    for found in find_dates(norm, document_date):
        assert end <= found.nstart < found.nend <= len(norm)
        assert found.interval[0] <= found.interval[1]
        end = found.nend


# --------------------------------------------------------------------------- front matter

# PyYAML itself does not read back the line separators NEL, LS and PS it writes in a string.
YAML_CHARS = NEWS_CHARS.filter(lambda c: c not in "\x85\u2028\u2029")
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(YAML_CHARS, max_size=20), st.dates())
YAML_VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(st.characters(min_codepoint=0x61, max_codepoint=0x7A), min_size=1, max_size=8), inner, max_size=4),
    max_leaves=12)
FRONT_MATTER = st.dictionaries(st.sampled_from(["title", "date", "url", "tags", "author"]), YAML_VALUES, max_size=5)


@given(FRONT_MATTER, NEWS_TEXT.filter(lambda t: t.strip() and not t.startswith(("-", "."))))
def test_front_matter_reads_back_what_was_written_and_leaves_the_body_verbatim(meta, body):
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    got, rest, notes = split_front_matter(text)
    assert got == meta and notes == []
    assert rest == body.lstrip("\r\n") and text.endswith(rest)


@given(st.text(NEWS_CHARS | st.sampled_from("&*!|>[]{}#%@`~"), max_size=200))
def test_any_front_matter_is_read_or_refused_in_one_line(yaml_text):
    try:
        meta, body, notes = split_front_matter(f"---\n{yaml_text}\n---\nالنص")
    except FrontMatterRefused as e:
        assert "\n" not in str(e)
    else:
        assert all("\n" not in note for note in notes)


@given(st.integers(min_value=2, max_value=6), st.integers(min_value=2, max_value=6))
def test_front_matter_with_aliases_is_always_refused(levels, fan_out):
    lines = ["a: &a [x]"] + [f"l{n}: &l{n} [" + ", ".join([f"*{'a' if n == 0 else f'l{n - 1}'}"] * fan_out) + "]"
                              for n in range(levels)]
    try:
        load_front_matter("\n".join(lines))
    except FrontMatterRefused as e:
        assert "anchors or aliases" in str(e)
    else:
        raise AssertionError("aliases were read")


# --------------------------------------------------------------------------- JSONL

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NEWS_TEXT,
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                           max_leaves=8)


@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(["id", "text", "date", "url", "title"]), JSON_VALUES),
                          JSON_VALUES), min_size=1, max_size=5))
def test_every_jsonl_line_is_an_item_or_one_problem(objects):
    data = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n"
    entries = list(iter_jsonl(io.BytesIO(data.encode("utf-8")), "x.jsonl"))
    assert len(entries) == len(objects)
    for n, (entry, obj) in enumerate(zip(entries, objects), 1):
        if isinstance(entry, SourceItem):
            assert entry.text == obj["text"] and entry.source == f"x.jsonl:{n}"
            assert entry.date is None or dt.date.fromisoformat(entry.date)
        else:
            assert isinstance(entry, SourceProblem) and entry.source == f"x.jsonl:{n}" and "\n" not in entry.message


@given(st.binary(max_size=300))
def test_any_bytes_as_jsonl_give_items_problems_or_one_source_error(data):
    try:
        entries = list(iter_jsonl(io.BytesIO(data), "x.jsonl"))
    except SourceError as e:
        assert "\n" not in str(e)
    else:
        assert all(isinstance(e, (SourceItem, SourceProblem)) for e in entries)


# --------------------------------------------------------------------------- HTML and feeds

TAGS = st.sampled_from(["p", "div", "article", "b", "script", "style", "table", "td", "li", "h1", "br", "meta", "title"])
MARKUP = st.recursive(NEWS_TEXT, lambda inner: st.builds(lambda tag, body, close: f"<{tag}>{body}" + (f"</{tag}>" if close else ""),
                                                         TAGS, inner, st.booleans()) | st.lists(inner, max_size=3).map("".join),
                      max_leaves=10)


@settings(max_examples=40)
@given(MARKUP)
def test_an_html_page_is_an_article_or_one_clean_error(body):
    page = f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"
    try:
        item = read_stream(io.BytesIO(page.encode("utf-8")))
    except SourceError as e:
        assert "\n" not in str(e)
    else:
        assert item.kind == "html" and item.text.strip()


@given(MARKUP)
def test_the_text_of_an_html_fragment_is_plain_text(fragment):
    text = html_fragment_text(fragment)
    assert all(line == " ".join(line.split()) and line for line in text.split("\n") if text)


@settings(max_examples=40)
@given(st.lists(st.tuples(NEWS_TEXT, MARKUP, st.sampled_from(["", "Tue, 11 Feb 2025 08:00:00 +0300", "2025-02-11", "x"])),
                max_size=3), st.booleans())
def test_a_feed_gives_items_problems_or_one_clean_error(entries, atom):
    from xml.sax.saxutils import escape

    if atom:
        body = "".join(f"<entry><title>{escape(t)}</title><updated>{d}</updated><content type='html'>{escape(c)}</content></entry>"
                       for t, c, d in entries)
        feed = f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>{body}</feed>"
    else:
        body = "".join(f"<item><title>{escape(t)}</title><pubDate>{d}</pubDate><description>{escape(c)}</description></item>"
                       for t, c, d in entries)
        feed = f"<?xml version='1.0'?><rss version='2.0'><channel>{body}</channel></rss>"
    try:
        got = list(iter_feed(feed.encode("utf-8"), "f.rss"))
    except SourceError as e:
        assert "\n" not in str(e)
    else:
        for entry in got:
            assert isinstance(entry, (SourceItem, SourceProblem))
            if isinstance(entry, SourceItem):
                assert entry.text.strip() and (entry.date is None or dt.date.fromisoformat(entry.date))


@given(st.binary(max_size=400))
def test_any_bytes_as_a_feed_give_items_or_one_clean_error(data):
    try:
        got = list(iter_feed(data, "f.rss"))
    except SourceError as e:
        assert "\n" not in str(e)
    else:
        assert all(isinstance(e, (SourceItem, SourceProblem)) for e in got)
