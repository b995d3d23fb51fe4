"""The input layer: what liqaa reads, and how it says no.

Every failure is a one-line SourceError ("<path>: <what is wrong>") or, for one bad item
inside a readable input, a SourceProblem; never a traceback. No test touches the network:
web tests use httpx.MockTransport and a fake resolver.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import httpx
import pytest

from liqaa import sources
from liqaa.sources import (
    MAX_BYTES,
    SourceError,
    SourceItem,
    SourceProblem,
    decode_bytes,
    fetch_url,
    iter_feed,
    iter_inputs,
    iter_jsonl,
    iter_url,
    iter_warc,
    read_file,
    read_stream,
)

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
AR = "استقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي ستيف ويتكوف"
EN = "Russian President Vladimir Putin received US special envoy Steve Witkoff in the Kremlin."


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def error_of(path) -> str:
    with pytest.raises(SourceError) as caught:
        read_file(path)
    return str(caught.value)


def html_page(body: str, *, title: str = "", head: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{head}</head>'
            f"<body><article>{body}</article></body></html>")


# ============================================================== plain text and Markdown

def test_a_text_file_is_one_item_with_its_text_verbatim(tmp_path):
    path = write(tmp_path / "article.txt", AR + "\r\n\r\nفي 11 فبراير 2025.\n")
    [item] = read_file(path)
    assert item.text == AR + "\r\n\r\nفي 11 فبراير 2025.\n"
    assert (item.id, item.source, item.kind) == (str(path), str(path), "text")
    assert item.title is item.date is item.url is None and item.notes == []


def test_the_item_id_is_the_path_exactly_as_given(tmp_path, monkeypatch):
    write(tmp_path / "news" / "a.md", AR)
    monkeypatch.chdir(tmp_path)
    [item] = list(iter_inputs(["./news/a.md"]))
    assert item.id == item.source == "./news/a.md"


def test_markdown_front_matter_becomes_metadata_and_leaves_the_text():
    [item] = read_file(FIXTURES / "putin-witkoff.md")
    assert item.kind == "markdown"
    assert item.title == "بوتين يستقبل ويتكوف في الكرملين"
    assert item.date == "2025-02-11"
    assert item.url == "https://news.example/ar/putin-witkoff"
    assert "---" not in item.text and "title:" not in item.text


def test_markdown_syntax_is_kept_so_spans_index_the_returned_text():
    [item] = read_file(FIXTURES / "putin-witkoff.md")
    assert item.text.startswith("# بوتين يستقبل ويتكوف\n")
    start = item.text.index("فلاديمير بوتين")
    assert item.text[start:start + len("فلاديمير بوتين")] == "فلاديمير بوتين"


def test_a_leading_markdown_heading_is_the_title_when_there_is_no_front_matter(tmp_path):
    [item] = read_file(write(tmp_path / "a.md", f"# بوتين يستقبل ويتكوف\n\n{AR}.\n"))
    assert item.title == "بوتين يستقبل ويتكوف"
    assert item.text.startswith("# بوتين")


def test_front_matter_timestamps_are_normalised_to_the_date_as_written(tmp_path):
    text = f"---\ntitle: Putin meets Witkoff\ndate: 2025-02-11T23:30:00-05:00\n---\n{EN}\n"
    [item] = read_file(write(tmp_path / "a.md", text))
    assert item.date == "2025-02-11"  # not converted to UTC (which would be the 12th)


def test_text_files_have_front_matter_too(tmp_path):
    [item] = read_file(write(tmp_path / "a.txt", f"---\ndate: '2025-03-13'\n---\n{EN}\n"))
    assert (item.date, item.text, item.kind) == ("2025-03-13", EN + "\n", "text")


def test_an_unreadable_front_matter_date_is_dropped_with_a_note(tmp_path):
    [item] = read_file(write(tmp_path / "a.md", f"---\ndate: last Tuesday\n---\n{AR}\n"))
    assert item.date is None
    assert item.notes == ["front matter date 'last Tuesday' not understood, ignored"]


def test_front_matter_that_is_not_yaml_stays_in_the_text_with_a_note(tmp_path):
    text = f"---\ntitle: [unclosed\n---\n{AR}\n"
    [item] = read_file(write(tmp_path / "a.md", text))
    assert item.text == text
    assert item.notes[0].startswith("front matter is not valid YAML, kept in the text")


@pytest.mark.parametrize("front_matter, reason", [
    ("a: &x [1, 2]\nb: *x\n", "front matter uses YAML anchors or aliases"),
    ("title: &t Putin meets Witkoff\n", "front matter uses YAML anchors or aliases"),
    ("title: " + "x" * 70_000 + "\n", "front matter too large (70,008 bytes, limit 65,536)"),
    ("a: " + "[" * 40 + "]" * 40 + "\n", "front matter nested too deeply (more than 16 levels)"),
])
def test_front_matter_that_could_exhaust_memory_refuses_the_file(tmp_path, front_matter, reason):
    path = write(tmp_path / "a.md", f"---\n{front_matter}---\n{AR}\n")
    message = error_of(path)
    assert message.startswith(f"{path}: {reason}") and "\n" not in message


def test_an_alias_bomb_is_refused_at_once_and_the_other_files_of_the_directory_are_read(tmp_path):
    from hostile import alias_bomb

    write(tmp_path / "news" / "a.md", AR)
    bomb = write(tmp_path / "news" / "b.md", alias_bomb())
    write(tmp_path / "news" / "c.md", EN)
    assert len(bomb.read_bytes()) < 500
    entries = list(iter_inputs([str(tmp_path / "news")]))
    assert [type(e).__name__ for e in entries] == ["SourceItem", "SourceError", "SourceItem"]
    assert str(entries[1]).startswith(f"{bomb}: front matter uses YAML anchors or aliases")


def test_a_large_unreadable_front_matter_date_is_named_briefly(tmp_path):
    items = ", ".join(["1"] * 5000)
    [item] = read_file(write(tmp_path / "a.md", f"---\ndate: [{items}]\n---\n{AR}\n"))
    assert item.date is None and len(item.notes) == 1 and len(item.notes[0]) < 120


def test_a_file_with_only_front_matter_is_empty(tmp_path):
    path = write(tmp_path / "a.md", "---\ntitle: x\n---\n\n")
    assert error_of(path) == f"{path}: empty file (front matter only)"


# ============================================================== encodings

def test_utf8_bom_is_removed_with_a_note(tmp_path):
    [item] = read_file(write(tmp_path / "a.txt", b"\xef\xbb\xbf" + AR.encode()))
    assert item.text == AR
    assert item.notes == ["UTF-8 with BOM (BOM removed)"]


@pytest.mark.parametrize("codec, label", [("utf-16-le", "UTF-16 LE"), ("utf-16-be", "UTF-16 BE")])
def test_utf16_with_bom_is_decoded_with_a_note(tmp_path, codec, label):
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    [item] = read_file(write(tmp_path / "a.txt", bom + AR.encode(codec)))
    assert item.text == AR
    assert item.notes == [f"{label} with BOM (BOM removed)"]


def test_legacy_arabic_windows_1256_is_decoded_with_a_note(tmp_path):
    [item] = read_file(write(tmp_path / "a.txt", (AR + "، في موسكو.").encode("cp1256")))
    assert item.text == AR + "، في موسكو."
    assert item.notes == ["decoded as windows-1256"]


def test_bytes_that_are_neither_utf8_nor_arabic_are_refused_with_the_offset(tmp_path):
    path = write(tmp_path / "a.txt", "Le président a reçu l'envoyé.".encode("latin-1"))
    assert error_of(path) == f"{path}: not UTF-8 text (invalid byte 0xe9 at offset 5)"


def test_a_mostly_english_file_with_one_stray_byte_is_not_guessed_as_arabic():
    with pytest.raises(SourceError, match=r"^a.txt: not UTF-8 text \(invalid byte 0xc7 at offset 7\)$"):
        decode_bytes(EN[:7].encode() + b"\xc7" + EN[7:].encode(), "a.txt")


def test_decode_bytes_prefers_utf8_over_a_wrong_declared_charset():
    assert decode_bytes(AR.encode(), "page.html", declared="windows-1256") == (AR, [])


def test_decode_bytes_uses_the_declared_charset_when_the_bytes_are_not_utf8():
    text, notes = decode_bytes(AR.encode("cp1256"), "page.html", declared="windows-1256")
    assert text == AR and notes == ["decoded as windows-1256 (declared by the input)"]


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",          # no NUL byte: caught by its signature
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    b"\x7fELF\x02\x01\x01\x00",
    b"text at first\n" + b"\x00" * 16,
    "بوتين".encode("utf-16-le"),                        # UTF-16 without a BOM looks binary
], ids=["png", "pdf", "zip", "elf", "nul-bytes", "utf16-without-bom"])
def test_binary_files_are_not_articles(tmp_path, data):
    path = write(tmp_path / "a.txt", data)
    assert error_of(path).startswith(f"{path}: binary file, not an article (")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf\n", b"\xff\xfe" + " \n".encode("utf-16-le")],
                         ids=["zero-bytes", "whitespace", "bom-only", "utf16-whitespace"])
def test_empty_files_are_refused(tmp_path, data):
    path = write(tmp_path / "a.md", data)
    assert error_of(path) == f"{path}: empty file"


def test_a_50_mb_file_is_refused_from_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk space

    def no_open(*args, **kwargs):
        raise AssertionError("the file was opened")
    monkeypatch.setattr(Path, "open", no_open)
    assert error_of(path) == f"{path}: file too large (50.0 MB > 20 MB limit)"


def test_the_size_limit_is_a_parameter(tmp_path):
    path = write(tmp_path / "a.txt", AR)
    assert read_file(path, max_bytes=len(AR.encode()))[0].text == AR
    with pytest.raises(SourceError, match="file too large"):
        read_file(path, max_bytes=100)
    assert MAX_BYTES == 20 * 1024 * 1024


def test_a_missing_path_is_reported_as_such(tmp_path):
    path = tmp_path / "nope.md"
    assert error_of(path) == f"{path}: no such file or directory"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file_is_reported_as_permission_denied(tmp_path):
    path = write(tmp_path / "secret.md", AR)
    path.chmod(0)
    assert error_of(path) == f"{path}: permission denied"


def test_a_permission_error_becomes_a_one_line_error(tmp_path, monkeypatch):
    path = write(tmp_path / "secret.md", AR)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "open", denied)
    assert error_of(path) == f"{path}: permission denied"


# ============================================================== HTML

def test_html_gives_the_article_text_title_and_date_without_the_page_chrome():
    [item] = read_file(FIXTURES / "kremlin.html")
    assert item.kind == "html"
    assert item.title == "بوتين يستقبل ويتكوف في الكرملين"
    assert item.date == "2025-02-11"
    assert AR in item.text
    assert "جميع الحقوق محفوظة" not in item.text and "الرئيسية" not in item.text


def test_malformed_html_does_not_raise(tmp_path):
    broken = f"<html><body><div><p>{AR} <b>في موسكو<p>وبحث الجانبان الحرب في أوكرانيا</div></span></body"
    [item] = read_file(write(tmp_path / "a.html", broken))
    assert AR in item.text and "أوكرانيا" in item.text


@pytest.mark.parametrize("html", [
    "<html><head><title>فارغ</title></head><body><script>var x = 1;</script></body></html>",
    "<<<>>>",
    "<html><body>   </body></html>",
], ids=["script-only", "garbage", "blank-body"])
def test_html_without_article_text_is_refused(tmp_path, html):
    path = write(tmp_path / "a.htm", html)
    assert error_of(path) == f"{path}: HTML page has no article text"


def test_a_page_without_a_stated_date_has_no_date_even_if_the_text_mentions_one(tmp_path):
    page = html_page(f"<p>{AR} يوم 11 فبراير 2025، في اجتماع مغلق.</p>")
    [item] = read_file(write(tmp_path / "a.html", page))
    assert item.date is None  # the sentence's date is for the dates module, not the document


def test_an_html_page_in_windows_1256_is_decoded_by_its_meta_charset(tmp_path):
    page = html_page(f"<p>{AR}، وبحث الجانبان العلاقات الثنائية.</p>", charset="windows-1256")
    [item] = read_file(write(tmp_path / "a.html", page.encode("cp1256")))
    assert AR in item.text
    assert item.notes == ["decoded as windows-1256 (declared by the input)"]


# ============================================================== stdin

def test_stdin_text_is_one_item_with_id_dash():
    item = read_stream(io.BytesIO(AR.encode()))
    assert (item.id, item.source, item.kind, item.text) == ("-", "<stdin>", "text", AR)


def test_html_nested_beyond_the_parser_limit_is_refused_with_the_reason(tmp_path):
    from hostile import nested_html

    path = write(tmp_path / "deep.html", nested_html())
    assert error_of(path) == f"{path}: HTML not read: markup nested too deeply (more than 256 elements inside one another)"


def test_stdin_html_is_detected_and_extracted():
    page = html_page(f"<p>{AR}.</p>", title="بوتين")
    item = read_stream(io.BytesIO(page.encode()))
    assert item.kind == "html" and item.text.startswith(AR)


def test_stdin_gets_the_same_decoding_as_files():
    item = read_stream(io.BytesIO(AR.encode("cp1256")))
    assert item.text == AR and item.notes == ["decoded as windows-1256"]


def test_stdin_may_be_a_text_stream():
    assert read_stream(io.StringIO(f"---\ndate: 2025-02-11\n---\n{AR}")).date == "2025-02-11"


def test_empty_stdin_is_an_error():
    with pytest.raises(SourceError, match=r"^<stdin>: empty file$"):
        read_stream(io.BytesIO(b"\n"))


def test_dash_in_the_paths_reads_the_given_stdin():
    [item] = list(iter_inputs(["-"], stdin=io.BytesIO(EN.encode())))
    assert item.id == "-" and item.text == EN


# ============================================================== directories and iter_inputs

def test_a_directory_gives_every_article_below_it_sorted_skipping_hidden_files(tmp_path):
    write(tmp_path / "news" / "b.md", AR)
    write(tmp_path / "news" / "a.txt", EN)
    write(tmp_path / "news" / "2025" / "c.html", html_page(f"<p>{AR}.</p>"))
    write(tmp_path / "news" / "2025" / "d.HTM", html_page(f"<p>{AR}.</p>"))
    write(tmp_path / "news" / ".draft.md", AR)                 # hidden file
    write(tmp_path / "news" / ".git" / "notes.txt", AR)        # hidden directory
    write(tmp_path / "news" / "photo.jpg", b"\xff\xd8\xff")    # not an article suffix
    write(tmp_path / "news" / "notes.docx", b"PK\x03\x04")
    root = str(tmp_path / "news")
    ids = [item.id for item in iter_inputs([root])]
    assert ids == [os.path.join(root, p) for p in ("2025/c.html", "2025/d.HTM", "a.txt", "b.md")]


def test_a_directory_without_articles_is_an_error(tmp_path):
    write(tmp_path / "empty" / "photo.png", b"\x89PNG\r\n\x1a\n")
    [error] = list(iter_inputs([str(tmp_path / "empty") + "/"]))
    assert isinstance(error, SourceError)
    assert str(error) == f"{tmp_path}/empty/: no articles found (looked for .txt .md .html .jsonl)"


def test_a_bad_file_in_a_directory_does_not_stop_the_others(tmp_path):
    write(tmp_path / "a.md", AR)
    write(tmp_path / "b.md", b"")
    write(tmp_path / "c.md", EN)
    a, b, c = iter_inputs([str(tmp_path)])
    assert (a.text, c.text) == (AR, EN)
    assert isinstance(b, SourceError) and str(b) == f"{tmp_path}/b.md: empty file"


def test_iter_inputs_yields_errors_in_order_and_goes_on(tmp_path):
    good = write(tmp_path / "good.md", AR)
    results = list(iter_inputs([str(tmp_path / "missing.md"), str(good)], jsonl=[str(FIXTURES / "items.jsonl")]))
    assert str(results[0]) == f"{tmp_path}/missing.md: no such file or directory"
    assert results[1].id == str(good)
    assert [type(r).__name__ for r in results[2:]] == ["SourceItem", "SourceItem", "SourceProblem", "SourceItem"]


def test_a_jsonl_file_among_the_paths_gives_its_items(tmp_path):
    kinds = {item.kind for item in iter_inputs([str(FIXTURES / "items.jsonl")]) if isinstance(item, SourceItem)}
    assert kinds == {"jsonl"}


def test_jsonl_from_stdin(tmp_path):
    batch = b'{"id": "1", "text": "' + AR.encode() + b'"}\n'
    [item] = list(iter_inputs([], jsonl=["-"], stdin=io.BytesIO(batch)))
    assert (item.id, item.source, item.text) == ("1", "<stdin>:1", AR)


# ============================================================== JSONL

def test_jsonl_reads_every_good_line_and_reports_the_bad_one_by_number():
    name = str(FIXTURES / "items.jsonl")
    results = list(iter_jsonl(FIXTURES / "items.jsonl", name))
    assert [r.id if isinstance(r, SourceItem) else r.source for r in results] == [
        "aj-1", "aj-2", f"{name}:4", f"{name}:5"]        # line 3 is blank: skipped
    assert results[2] == SourceProblem(f"{name}:4", "line 4: not valid JSON (Expecting ',' delimiter at column 1)")


def test_jsonl_fields_become_item_fields():
    first = next(iter_jsonl(FIXTURES / "items.jsonl"))
    assert first == SourceItem(id="aj-1", text=AR + ".", source=f"{FIXTURES / 'items.jsonl'}:1",
                               title="بوتين يستقبل ويتكوف", date="2025-02-11",
                               url="https://news.example/1", kind="jsonl")


def test_a_jsonl_line_without_id_is_named_by_file_and_line():
    last = list(iter_jsonl(FIXTURES / "items.jsonl", "items.jsonl"))[-1]
    assert last.id == last.source == "items.jsonl:5"


@pytest.mark.parametrize("line, message", [
    ("{not json}", "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ("[1, 2]", "line 2: expected a JSON object, got array"),
    ('"just a string"', "line 2: expected a JSON object, got string"),
    ('{"id": "x"}', 'line 2: no "text" field'),
    ('{"text": null}', 'line 2: no "text" field'),
    ('{"text": 42}', 'line 2: "text" must be a string, got number'),
    ('{"text": ["a"]}', 'line 2: "text" must be a string, got array'),
    ('{"text": "  "}', 'line 2: "text" is empty'),
])
def test_malformed_jsonl_lines_are_problems_and_the_rest_is_read(line, message):
    batch = io.BytesIO(f'{{"text": "{AR}"}}\n{line}\n{{"text": "{EN}"}}\n'.encode())
    first, problem, last = iter_jsonl(batch, "items.jsonl")
    assert problem == SourceProblem("items.jsonl:2", message)
    assert (first.text, last.text) == (AR, EN)


@pytest.mark.parametrize("date, expected", [
    ("2025-02-11", "2025-02-11"),
    ("2025-02-11T21:05:00Z", "2025-02-11"),
    ("2025-02-11T23:30:00-05:00", "2025-02-11"),
    ("2025-02-11 08:00:00", "2025-02-11"),
    ("Tue, 11 Feb 2025 08:00:00 +0300", "2025-02-11"),
])
def test_jsonl_dates_are_normalised_to_iso(date, expected):
    [item] = iter_jsonl(io.StringIO(f'{{"text": "{AR}", "date": "{date}"}}\n'), "x.jsonl")
    assert item.date == expected and item.notes == []


@pytest.mark.parametrize("date", ["yesterday", "2025-02-30", "13/13/2025", 20250211])
def test_an_unreadable_jsonl_date_is_a_warning_and_the_item_undated(date):
    line = f'{{"text": "{AR}", "date": {date!r}}}'.replace("'", '"')
    [item] = iter_jsonl(io.StringIO(line), "x.jsonl")
    assert item.date is None
    assert item.warnings == [f"date {date!r} not understood, ignored"] and item.notes == []


@pytest.mark.parametrize("date, expected, note", [
    ("13/03/2025", "2025-03-13", None),
    ("03/13/2025", "2025-03-13", None),
    ("13.03.2025", "2025-03-13", None),
    ("13 March 2025", "2025-03-13", None),
    ("13 مارس 2025", "2025-03-13", None),
    ("١٣ آذار ٢٠٢٥", "2025-03-13", None),
    ("03/04/2025", "2025-04-03", "date '03/04/2025' could be day/month or month/day; read day first, as 2025-04-03"),
])
def test_document_dates_in_other_forms_are_read_and_an_ambiguous_one_day_first_with_a_note(tmp_path, date, expected, note):
    [jsonl_item] = iter_jsonl(io.StringIO(f'{{"text": "{AR}", "date": "{date}"}}\n'), "x.jsonl")
    [md_item] = read_file(write(tmp_path / "a.md", f"---\ndate: {date}\n---\n{AR}\n"))
    for item in (jsonl_item, md_item):
        assert item.date == expected
        assert item.notes == ([note] if note else []) and item.warnings == []


def test_jsonl_reads_lines_as_bytes_so_invalid_utf8_is_one_problem():
    batch = io.BytesIO(b'{"text": "\xe9t\xe9"}\n{"text": "' + AR.encode() + b'"}\n')
    problem, item = iter_jsonl(batch, "x.jsonl")
    assert problem == SourceProblem("x.jsonl:1", "line 1: not UTF-8 (invalid byte 0xe9 at column 11)")
    assert item.text == AR


def test_a_line_separator_inside_a_jsonl_string_does_not_split_the_line():
    [item] = iter_jsonl(io.BytesIO(f'{{"text": "{AR}\u2028{EN}"}}\n'.encode()), "x.jsonl")
    assert item.text == f"{AR}\u2028{EN}"


def test_a_jsonl_file_may_start_with_a_bom(tmp_path):
    path = write(tmp_path / "x.jsonl", b"\xef\xbb\xbf" + f'{{"text": "{AR}"}}\n'.encode())
    assert [item.text for item in iter_jsonl(path)] == [AR]


def test_an_overlong_jsonl_line_is_skipped_without_being_held_in_memory():
    batch = io.BytesIO(b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "ok"}\n')
    problem, item = iter_jsonl(batch, "x.jsonl", max_bytes=1000)
    assert problem == SourceProblem("x.jsonl:1", "line 1: line too long (over 1,000 bytes limit)")
    assert item.text == "ok"


def test_an_empty_jsonl_file_is_an_error(tmp_path):
    path = write(tmp_path / "x.jsonl", "\n\n")
    with pytest.raises(SourceError, match=rf"^{path}: empty file$"):
        list(iter_jsonl(path))


def test_a_binary_jsonl_file_is_an_error(tmp_path):
    path = write(tmp_path / "x.jsonl", b"PK\x03\x04" + b"\x00" * 20)
    with pytest.raises(SourceError, match=r": binary file, not JSONL \(ZIP\)$"):
        list(iter_jsonl(path))


def test_read_file_on_jsonl_is_strict_and_names_the_bad_line():
    with pytest.raises(SourceError) as caught:
        read_file(FIXTURES / "items.jsonl")
    assert str(caught.value) == f"{FIXTURES / 'items.jsonl'}:4: line 4: not valid JSON (Expecting ',' delimiter at column 1)"


# ============================================================== feeds

def test_each_feed_entry_is_an_item_with_html_stripped_and_the_empty_one_reported():
    item, problem = iter_feed(FIXTURES / "feed.rss")
    name = str(FIXTURES / "feed.rss")
    assert item.text == AR + "."                 # <p> and <b> removed
    assert (item.title, item.url, item.kind) == ("بوتين يستقبل ويتكوف", "https://news.example/ar/putin-witkoff", "feed")
    assert item.date == "2025-02-11"
    assert item.source == f"{name}#1" and item.notes == ["text from the feed summary"]
    assert problem == SourceProblem(f"{name}#2", "entry 2 (عنوان بلا نص) has no text")


def test_a_feed_date_keeps_the_day_it_was_published_in_its_own_time_zone():
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>
    <title>t</title><description>{AR}</description><pubDate>Tue, 11 Feb 2025 01:30:00 +0300</pubDate>
    </item></channel></rss>"""
    [item] = iter_feed(rss.encode(), "feed.rss")
    assert item.date == "2025-02-11"  # 10 February in UTC


def test_atom_content_is_preferred_over_the_summary():
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id><updated>2025-02-12T00:00:00Z</updated>
    <entry><title>Putin meets Witkoff</title><id>urn:1</id><link href="https://news.example/en/1"/>
    <updated>2025-02-12T09:00:00Z</updated><published>2025-02-11T20:00:00Z</published>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;{EN}&lt;/p&gt;&lt;p&gt;{AR}.&lt;/p&gt;</content></entry></feed>"""
    [item] = iter_feed(atom, "news.atom")
    assert item.text == f"{EN}\n{AR}."
    assert (item.id, item.url, item.date, item.notes) == ("urn:1", "https://news.example/en/1", "2025-02-11", [])


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</ti',
    b"this is not a feed at all",
], ids=["truncated-xml", "not-xml"])
def test_a_broken_feed_is_an_error(data):
    with pytest.raises(SourceError, match=r"^feed.rss: not (a valid RSS/Atom feed \(.+\)|an RSS/Atom feed)$"):
        list(iter_feed(data, "feed.rss"))


@pytest.mark.parametrize("feed, reason", [
    ("nested_feed", "markup nested too deeply"),
    ("entity_bomb_feed", "markup exceeds the parser's limits (entity expansion or size)"),
])
def test_a_feed_beyond_the_parser_limits_is_refused_with_the_reason(feed, reason):
    import hostile

    with pytest.raises(SourceError) as caught:
        list(iter_feed(getattr(hostile, feed)().encode(), "bad.rss"))
    assert str(caught.value).startswith(f"bad.rss: feed not read: {reason}")


def test_a_string_is_feed_content_never_a_url_to_fetch():
    with pytest.raises(SourceError, match="not"):
        list(iter_feed("https://news.example/feed.rss", "arg"))


def test_a_feed_file_named_on_the_command_line_is_read_as_a_feed():
    results = list(iter_inputs([str(FIXTURES / "feed.rss")]))
    assert [type(r).__name__ for r in results] == ["SourceItem", "SourceProblem"]


# ============================================================== WARC

def write_warc(path: Path, records, *, gzip: bool = False) -> Path:
    """records: (uri, status, content type, body bytes, record type)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for uri, status, ctype, body, rec_type in records:
            if rec_type == "request":
                headers = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            else:
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


DATED = html_page(f"<p>{AR}، وبحث الجانبان التسوية في أوكرانيا.</p>", title="بوتين يستقبل ويتكوف",
                  head='<meta property="article:published_time" content="2025-02-11">').encode()
UNDATED = html_page(f"<p>{EN} They discussed a settlement in Ukraine.</p>", title="Putin meets Witkoff").encode()
ARCHIVE = [
    ("https://news.example/a", "200 OK", "text/html; charset=utf-8", DATED, "request"),
    ("https://news.example/a", "200 OK", "text/html; charset=utf-8", DATED, "response"),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n", "response"),
    ("https://news.example/gone", "404 Not Found", "text/html", html_page("<p>لم يتم العثور على الصفحة</p>").encode(), "response"),
    ("https://news.example/b", "200 OK", "text/html", UNDATED, "response"),
]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_each_html_response_in_a_warc_is_an_item(tmp_path, gzip):
    path = write_warc(tmp_path / ("a.warc.gz" if gzip else "a.warc"), ARCHIVE, gzip=gzip)
    a, b = iter_warc(path)              # request, image and 404 records are skipped
    assert (a.id, a.url, a.kind, a.source) == ("https://news.example/a", "https://news.example/a", "warc", f"{path}#2")
    assert AR in a.text and a.title == "بوتين يستقبل ويتكوف"
    assert b.url == "https://news.example/b" and EN in b.text


def test_warc_date_is_when_the_page_was_captured_not_the_article_date(tmp_path):
    a, b = iter_warc(write_warc(tmp_path / "a.warc", ARCHIVE))
    assert a.date == "2025-02-11"       # from the page's own metadata
    assert b.date is None               # the page states no date: none is invented
    assert b.fetched and b.fetched.startswith("20")  # WARC-Date, kept apart


THREE_PAGES = [(f"https://news.example/{i}", "200 OK", "text/html", DATED, "response") for i in range(3)]


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("keep", [0.95, 0.7], ids=["cut-in-payload", "cut-in-headers"])
def test_a_truncated_warc_gives_the_complete_records_then_one_problem(tmp_path, gzip, keep):
    full = write_warc(tmp_path / "full.warc", THREE_PAGES, gzip=gzip).read_bytes()
    path = write(tmp_path / "cut.warc", full[: int(len(full) * keep)])
    *items, problem = iter_warc(path)   # never raises
    assert [i.url for i in items] == [f"https://news.example/{i}" for i in range(len(items))]
    assert len(items) == 2 if keep == 0.95 else 1 <= len(items) <= 2
    assert isinstance(problem, SourceProblem) and problem.source == f"{path}#{len(items) + 1}"
    assert "truncated" in problem.message and problem.message.endswith("stopped reading")


def test_a_warc_cut_inside_its_first_record_is_a_problem_not_an_error(tmp_path):
    full = write_warc(tmp_path / "full.warc", THREE_PAGES).read_bytes()
    [problem] = iter_warc(write(tmp_path / "cut.warc", full[:300]))
    assert problem.source.endswith("#1") and "truncated or corrupt record" in problem.message


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_cut_anywhere_never_raises_and_never_yields_half_a_page(tmp_path, gzip):
    full = write_warc(tmp_path / "full.warc", ARCHIVE, gzip=gzip).read_bytes()
    complete = list(iter_warc(tmp_path / "full.warc"))
    path = tmp_path / "cut.warc"
    for end in range(100, len(full), 37):
        path.write_bytes(full[:end])
        results = list(iter_warc(path))
        pages = {(item.url, item.text) for item in complete}
        assert all((r.url, r.text) in pages for r in results if isinstance(r, SourceItem)), end
        assert all(isinstance(r, SourceItem) for r in results[:-1]), end  # a problem ends it


def test_a_warc_record_without_article_text_is_a_problem_and_the_rest_is_read(tmp_path):
    empty_page = b"<html><body><script>x()</script></body></html>"
    path = write_warc(tmp_path / "a.warc", [
        ("https://news.example/empty", "200 OK", "text/html", empty_page, "response"),
        ("https://news.example/a", "200 OK", "text/html", DATED, "response"),
    ])
    problem, item = iter_warc(path)
    assert problem == SourceProblem(f"{path}#1", "record 1 (https://news.example/empty): HTML page has no article text")
    assert item.url == "https://news.example/a"


def test_a_file_that_is_not_a_warc_is_an_error(tmp_path):
    path = write(tmp_path / "a.warc", AR)
    with pytest.raises(SourceError, match=rf"^{path}: not a WARC file \(no WARC/1.x header at the start\)$"):
        list(iter_warc(path))


def test_a_warc_named_on_the_command_line_is_read_as_an_archive(tmp_path):
    path = write_warc(tmp_path / "a.warc.gz", ARCHIVE, gzip=True)
    assert [item.kind for item in iter_inputs([str(path)])] == ["warc", "warc"]


# ============================================================== web

PUBLIC = {"news.example": ["93.184.216.34"], "cdn.example": ["2606:2800:220:1::1"],
          "intranet.example": ["10.0.0.5"], "metadata.example": ["169.254.169.254"]}


def resolve(host: str) -> list[str]:
    if host not in PUBLIC:
        raise OSError(f"Name or service not known: {host}")
    return PUBLIC[host]


def client_for(handler) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def serve(routes: dict[str, httpx.Response], seen: list[str] | None = None) -> httpx.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(str(request.url))
        return routes.get(str(request.url), httpx.Response(404))
    return client_for(handler)


def fetch_error(url: str, client: httpx.Client, **options) -> str:
    options.setdefault("backoff", 0)
    with pytest.raises(SourceError) as caught:
        fetch_url(url, client=client, resolve=resolve, **options)
    return str(caught.value)


def page(body: bytes = DATED, ctype: str = "text/html; charset=utf-8", headers=()) -> httpx.Response:
    return httpx.Response(200, headers={"Content-Type": ctype, **dict(headers)}, content=body)


def test_a_web_page_is_fetched_and_extracted_politely():
    agents = []

    def handler(request):
        agents.append(request.headers["User-Agent"])
        return page()
    item = fetch_url("https://news.example/a", client=client_for(handler), resolve=resolve)
    assert (item.id, item.source, item.url, item.kind) == ("https://news.example/a",) * 3 + ("url",)
    assert AR in item.text and item.date == "2025-02-11"
    assert item.fetched and item.fetched.endswith("Z")
    assert agents == [f"liqaa/{sources.user_agent().split('/')[1].split()[0]} (+https://github.com/liqaa)"]
    assert agents[0].startswith("liqaa/")


def test_a_plain_text_page_is_an_item_too():
    client = serve({"https://news.example/a.txt": page(AR.encode("cp1256"), "text/plain; charset=windows-1256")})
    item = fetch_url("https://news.example/a.txt", client=client, resolve=resolve)
    assert item.text == AR and item.notes == ["decoded as windows-1256 (declared by the input)"]


@pytest.mark.parametrize("url, scheme", [("ftp://news.example/a", "ftp"), ("file:///etc/passwd", "file"),
                                         ("javascript:alert(1)", "javascript")])
def test_only_http_and_https_are_fetched(url, scheme):
    assert fetch_error(url, serve({})) == f"{url}: unsupported URL scheme '{scheme}' (only http and https)"


@pytest.mark.parametrize("url, kind", [
    ("http://127.0.0.1/admin", "a loopback"),
    ("http://localhost.localdomain.invalid/", None),         # unresolvable: refused too
    ("http://[::1]:8080/", "a loopback"),
    ("http://[::ffff:127.0.0.1]/", "a loopback"),
    ("http://intranet.example/", "a private"),
    ("http://metadata.example/latest/meta-data/", "a link-local"),
    ("http://192.168.1.1/", "a private"),
    ("http://0.0.0.0/", "an unspecified"),
])
def test_private_and_loopback_hosts_are_refused(url, kind):
    seen = []
    message = fetch_error(url, serve({}, seen))
    assert seen == []  # refused before any request
    if kind:
        assert f"is {kind} address" in message and "--allow-private" in message
    else:
        assert "cannot resolve host" in message


def test_allow_private_lets_a_local_server_be_fetched():
    client = serve({"http://127.0.0.1:8000/a": page()})
    assert AR in fetch_url("http://127.0.0.1:8000/a", client=client, allow_private=True).text


def test_a_redirect_to_127_0_0_1_is_refused_and_never_requested():
    seen = []
    client = serve({"https://news.example/a": httpx.Response(302, headers={"Location": "http://127.0.0.1/secret"})}, seen)
    message = fetch_error("https://news.example/a", client)
    assert message == ("https://news.example/a: redirect to http://127.0.0.1/secret refused: "
                       "127.0.0.1 is a loopback address (127.0.0.1); use --allow-private to allow it")
    assert seen == ["https://news.example/a"]


def test_a_redirect_to_a_name_that_resolves_privately_is_refused():
    client = serve({"https://news.example/a": httpx.Response(301, headers={"Location": "http://intranet.example/"})})
    assert "redirect to http://intranet.example/ refused: intranet.example is a private address" in \
        fetch_error("https://news.example/a", client)


def test_public_redirects_are_followed_and_noted():
    client = serve({
        "http://news.example/a": httpx.Response(301, headers={"Location": "https://news.example/a"}),
        "https://news.example/a": httpx.Response(302, headers={"Location": "/ar/2025/a"}),   # relative
        "https://news.example/ar/2025/a": page(),
    })
    item = fetch_url("http://news.example/a", client=client, resolve=resolve)
    assert item.id == "http://news.example/a" and item.url == "https://news.example/ar/2025/a"
    assert item.notes == ["redirected to https://news.example/ar/2025/a"]


def test_at_most_five_redirects_are_followed():
    def chain(length):
        routes = {f"https://news.example/{i}": httpx.Response(302, headers={"Location": f"/{i + 1}"})
                  for i in range(length)}
        routes[f"https://news.example/{length}"] = page()
        return serve(routes)
    assert fetch_url("https://news.example/0", client=chain(5), resolve=resolve).url == "https://news.example/5"
    assert fetch_error("https://news.example/0", chain(6)) == "https://news.example/0: too many redirects (more than 5)"


def test_a_response_that_declares_a_huge_length_is_refused_before_reading():
    client = serve({"https://news.example/big": page(b"", headers={"Content-Length": str(200 * 1024 * 1024)})})
    assert fetch_error("https://news.example/big", client) == \
        "https://news.example/big: response too large (200.0 MB > 20 MB limit)"


def test_a_streamed_response_is_cut_off_at_the_size_cap():
    sent = []

    def endless():
        while True:
            sent.append(1)
            yield b"<p>" + b"x" * 65533

    client = client_for(lambda request: httpx.Response(200, headers={"Content-Type": "text/html"}, content=endless()))
    assert fetch_error("https://news.example/stream", client, max_bytes=1024 * 1024) == \
        "https://news.example/stream: response too large (more than 1 MB limit)"
    assert len(sent) <= 17  # stopped just past 1 MB, not read to the end


@pytest.mark.parametrize("timeout", [10, 2.5])
def test_a_timeout_is_reported_with_its_length(timeout):
    def handler(request):
        raise httpx.ReadTimeout("read timed out", request=request)
    options = {} if timeout == 10 else {"timeout": timeout}
    assert fetch_error("https://news.example/slow", client_for(handler), **options) == \
        f"https://news.example/slow: timed out after {timeout:g} s"


def test_server_errors_are_retried_with_exponential_backoff(monkeypatch):
    pauses, answers = [], iter([httpx.Response(503), httpx.Response(502), page()])
    monkeypatch.setattr(sources.time, "sleep", pauses.append)
    item = fetch_url("https://news.example/a", client=client_for(lambda r: next(answers)), resolve=resolve)
    assert AR in item.text
    assert pauses == [0.5, 1.0]


def test_a_server_that_keeps_failing_is_given_up_after_three_retries():
    calls = []
    client = client_for(lambda request: calls.append(1) or httpx.Response(503))
    assert fetch_error("https://news.example/a", client) == \
        "https://news.example/a: HTTP 503 Service Unavailable, after 3 retries"
    assert len(calls) == 4


def test_connection_errors_are_retried():
    calls = []

    def handler(request):
        calls.append(1)
        if len(calls) < 3:
            raise httpx.ConnectError("connection refused", request=request)
        return page()
    assert AR in fetch_url("https://news.example/a", client=client_for(handler), resolve=resolve, backoff=0).text
    assert len(calls) == 3


def test_client_errors_are_not_retried():
    calls = []
    client = client_for(lambda request: calls.append(1) or httpx.Response(404))
    assert fetch_error("https://news.example/missing", client) == "https://news.example/missing: HTTP 404 Not Found"
    assert len(calls) == 1


def test_a_non_article_content_type_is_refused():
    client = serve({"https://news.example/logo.png": page(b"\x89PNG\r\n\x1a\n", "image/png")})
    assert fetch_error("https://news.example/logo.png", client) == \
        "https://news.example/logo.png: not an article (content type image/png)"


def test_a_page_without_article_text_is_refused():
    client = serve({"https://news.example/empty": page(b"<html><body><script>x()</script></body></html>")})
    assert fetch_error("https://news.example/empty", client) == "https://news.example/empty: HTML page has no article text"


def test_iter_url_gives_every_entry_of_a_feed_and_fetch_url_refuses_it():
    rss = (FIXTURES / "feed.rss").read_bytes()
    client = serve({"https://news.example/feed": page(rss, "application/rss+xml")})
    item, problem = iter_url("https://news.example/feed", client=client, resolve=resolve)
    assert item.url == "https://news.example/ar/putin-witkoff" and isinstance(problem, SourceProblem)
    assert fetch_error("https://news.example/feed", client) == \
        "https://news.example/feed: is a feed (application/rss+xml), not an article page"


def test_iter_url_on_a_page_gives_its_article():
    [item] = iter_url("https://news.example/a", client=serve({"https://news.example/a": page()}), resolve=resolve)
    assert item.kind == "url" and AR in item.text


# ============================================================== the promise: one line, never a traceback

def test_every_bad_input_is_a_one_line_message_naming_its_source(tmp_path):
    bad = {
        "missing.md": None,
        "empty.txt": b"",
        "binary.txt": b"\x7fELF\x02\x01",
        "latin1.txt": "réunion".encode("latin-1"),
        "blank.html": b"<html><body></body></html>",
        "broken.jsonl": b'{"text": "ok"}\n{oops\n',
        "nothing/": None,
    }
    paths = []
    for name, data in bad.items():
        if name.endswith("/"):
            (tmp_path / name).mkdir()
        elif data is not None:
            write(tmp_path / name, data)
        paths.append(str(tmp_path / name))
    failures = [r for r in iter_inputs(paths) if not isinstance(r, SourceItem)]
    assert len(failures) == len(bad)
    for failure, name in zip(failures, bad):
        text = str(failure)
        assert "\n" not in text and "Traceback" not in text
        assert text.startswith(str(tmp_path / name.rstrip("/")))


def test_a_feed_entry_with_control_characters_in_its_markup_is_read_without_them():
    # found by tests/test_fuzz.py: lxml refused the text it had itself parsed
    feed = ("<?xml version='1.0'?><rss version='2.0'><channel><item><title>t</title>"
            f"<description>&lt;p&gt;{EN}\x08&lt;/p&gt;</description></item></channel></rss>").encode()
    [item] = iter_feed(feed, "f.rss")
    assert item.text == EN
