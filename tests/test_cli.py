"""`liqaa check` as a user runs it: reports, formats, exit codes, and clear errors."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).parent.parent
EXAMPLE_AR = REPO / "examples" / "putin-witkoff.ar.md"
EXAMPLE_EN = REPO / "examples" / "putin-witkoff.en.md"
SCHEMA = json.loads((REPO / "src" / "liqaa" / "schemas" / "check.schema.json").read_text(encoding="utf-8"))


def liqaa(*args, stdin: bytes | None = None, cwd=None):
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "liqaa", *map(str, args)], input=stdin,
                          capture_output=True, env=env, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def assert_clean_error(code, err, needle):
    assert code == 2, err
    assert "Traceback" not in err
    assert needle in err
    assert len([line for line in err.strip().splitlines() if line.strip()]) <= 2, err


# --- the seed-style article --------------------------------------------------------

def test_the_seed_style_example_is_caught_in_plain_words():
    code, out, err = liqaa("check", EXAMPLE_AR)
    assert code == 1, err
    assert "The text calls “ألكسندر ويتكوف” the president of Belarus" in out
    assert "Alexander Lukashenko" in out and "1994" in out and "wikidata:Q2866" in out
    assert "Steve Witkoff" in out and "Special Envoy" in out
    assert "conflation" in out
    assert "SUPPORTED" in out and "الرئيس الروسي فلاديمير بوتين" in out


def test_an_accurate_report_exits_zero():
    code, out, err = liqaa("check", EXAMPLE_EN)
    assert code == 0, out + err
    assert "REFUTED" not in out


def test_json_output_follows_the_published_schema():
    code, out, _ = liqaa("check", EXAMPLE_AR, "--format", "json")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    refuted = [c for c in data["claims"] if c["verdict"] == "refuted"]
    assert refuted[0]["mention"] == "ألكسندر ويتكوف"
    assert refuted[0]["actual_holder"]["id"] == "alexander-lukashenko"
    text = EXAMPLE_AR.read_text(encoding="utf-8")
    assert all(text[c["start"]:c["end"]] == c["mention"] for c in data["claims"])


def test_stdin_and_as_of():
    article = "قال الرئيس الروسي فلاديمير بوتين إن المحادثات مع نظيره البيلاروسي ألكسندر لوكاشينكو مثمرة."
    code, out, _ = liqaa("check", "-", "--as-of", "2025-02-15", "--format", "json", stdin=article.encode())
    assert code == 0
    data = json.loads(out)
    assert [c["date_basis"] for c in data["claims"]] == ["as_of", "as_of"]
    assert data["summary"] == {"supported": 2, "refuted": 0, "unverifiable": 0}


def test_several_inputs_html_and_directories(tmp_path):
    (tmp_path / "a.md").write_text("Russian President Vladimir Putin met U.S. envoy Steve Witkoff.", encoding="utf-8")
    (tmp_path / "page.html").write_text(
        "<html><head><title>لقاء</title></head><body><article><p>استقبل الرئيس الروسي فلاديمير بوتين "
        "المبعوث الأمريكي ستيف ويتكوف في الكرملين اليوم لبحث الحرب في أوكرانيا ووقف إطلاق النار.</p>"
        "<p>وقال الكرملين إن اللقاء كان بناء واستمر ثلاث ساعات.</p></article></body></html>", encoding="utf-8")
    sub = tmp_path / "dir"
    sub.mkdir()
    (sub / "b.txt").write_text("قال وزير الخارجية الروسي سيرغي لافروف إن الحوار مستمر.", encoding="utf-8")
    code, out, err = liqaa("check", tmp_path / "a.md", tmp_path / "page.html", sub, "--format", "json",
                           "--as-of", "2025-03-13")
    assert code == 0, err
    data = json.loads(out)
    assert len(data) == 3
    for report in data:
        jsonschema.validate(report, SCHEMA)
    assert sum(r["summary"]["supported"] for r in data) >= 4


def test_jsonl_batch_reports_bad_lines_and_goes_on(tmp_path):
    items = tmp_path / "items.jsonl"
    items.write_text(
        json.dumps({"id": "1", "text": "قال الرئيس البيلاروسي فلاديمير بوتين إن الاتفاق قريب.", "date": "2025-03-13"},
                   ensure_ascii=False) + "\n{not json}\n" +
        json.dumps({"id": "3", "text": "Russian President Vladimir Putin spoke.", "date": "2025-03-13"}) + "\n",
        encoding="utf-8")
    code, out, err = liqaa("check", "--jsonl", items, "--format", "jsonl")
    assert code == 1
    lines = [json.loads(x) for x in out.strip().splitlines()]
    assert [x["id"] for x in lines] == ["1", "3"]
    assert lines[0]["summary"]["refuted"] == 1
    assert "line 2" in err and "Traceback" not in err


def test_markdown_and_html_outputs(tmp_path):
    code, out, _ = liqaa("check", EXAMPLE_AR, "--format", "markdown")
    assert code == 1 and out.startswith("# liqaa check") and "✗ refuted" in out
    page = tmp_path / "report.html"
    code, _, _ = liqaa("check", EXAMPLE_AR, "--format", "html", "-o", page)
    html = page.read_text(encoding="utf-8")
    assert code == 1
    assert '<html lang="ar" dir="rtl">' in html
    assert '<mark class="refuted"' in html and "ألكسندر ويتكوف" in html
    assert "http://" not in html.split("<body>")[0] and "<script" not in html and "<link" not in html


# --- bad input ----------------------------------------------------------------------

def test_missing_path():
    code, _, err = liqaa("check", "no/such/article.md")
    assert_clean_error(code, err, "no such file")


def test_directory_without_articles(tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    code, _, err = liqaa("check", tmp_path)
    assert_clean_error(code, err, "no articles found")


def test_empty_file(tmp_path):
    f = tmp_path / "empty.md"
    f.write_text("  \n", encoding="utf-8")
    code, _, err = liqaa("check", f)
    assert_clean_error(code, err, "empty")


def test_binary_file(tmp_path):
    f = tmp_path / "blob.md"
    f.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    code, _, err = liqaa("check", f)
    assert_clean_error(code, err, "binary")


def test_huge_file(tmp_path):
    f = tmp_path / "huge.md"
    with f.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    code, _, err = liqaa("check", f)
    assert_clean_error(code, err, "too large")


def test_invalid_bytes(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_bytes(b"Russian President \xff\xfe\xfa Putin said")
    code, _, err = liqaa("check", f)
    assert_clean_error(code, err, "not UTF-8")


def test_legacy_arabic_encoding_is_read_with_a_note(tmp_path):
    f = tmp_path / "cp1256.txt"
    f.write_bytes("قال الرئيس الروسي فلاديمير بوتين إن المحادثات مفيدة.".encode("cp1256"))
    code, out, err = liqaa("check", f, "--format", "json", "--as-of", "2025-03-13")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["supported"] == 1
    assert any("windows-1256" in n for n in data["notes"])


def test_unknown_format():
    code, _, err = liqaa("check", EXAMPLE_AR, "--format", "pdf")
    assert code == 2 and "Traceback" not in err and "pdf" in err


def test_bad_as_of_date():
    code, _, err = liqaa("check", EXAMPLE_AR, "--as-of", "yesterday-ish")
    assert_clean_error(code, err, "not a date")


def test_one_bad_input_does_not_stop_the_others(tmp_path):
    code, out, err = liqaa("check", "missing.md", EXAMPLE_EN, "--format", "json")
    assert code == 2
    assert json.loads(out)["summary"]["supported"] >= 3
    assert "missing.md" in err


def test_user_text_in_an_error_is_not_read_as_markup(tmp_path):
    code, _, err = liqaa("check", EXAMPLE_AR, "--as-of", "[/x]")
    assert_clean_error(code, err, "'[/x]' is not a date")
    missing = tmp_path / "[bold]news[/bold].md"
    code, _, err = liqaa("check", missing)
    assert_clean_error(code, err, "[bold]news[/bold].md")


# --- the other commands a user meets first --------------------------------------------

def test_version_prints_liqaa_and_the_kb():
    from liqaa import __version__
    from liqaa.kb import default_kb

    code, out, err = liqaa("version")
    kb = default_kb()
    assert code == 0, err
    assert out.strip() == f"liqaa {__version__} · KB {kb.version} (as of {kb.as_of})"


def _read_a_little_then_close(args: list[str]) -> tuple[int, str]:
    """Run liqaa with its output piped to a reader that stops after 100 bytes (`| head`)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "liqaa", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8")
    return proc.wait(timeout=120), err


def test_a_closed_pipe_ends_export_quietly(tmp_path):
    from liqaa.ingest import ingest
    from liqaa.sources import SourceItem
    from liqaa.store import open_store
    from liqaa.store.testing import sample_items

    db = tmp_path / "a.db"
    with open_store(f"sqlite:///{db}") as store:
        items = [SourceItem(id=r["id"], text=r["text"] * 20, source=f"test:{r['id']}", url=r.get("url"),
                            date=r.get("date"), kind="jsonl") for r in sample_items(40)]
        ingest(items, store)
    code, err = _read_a_little_then_close(["export", "articles", "--db", db])   # > 64 KB of JSONL
    assert err == ""
    assert code == 1


def test_a_closed_pipe_ends_check_quietly(tmp_path):
    items = tmp_path / "items.jsonl"
    line = json.dumps({"id": "1", "text": EXAMPLE_EN.read_text(encoding="utf-8")}, ensure_ascii=False)
    items.write_text("\n".join(line.replace('"1"', f'"{n}"') for n in range(60)) + "\n", encoding="utf-8")
    code, err = _read_a_little_then_close(["check", "--jsonl", items, "--format", "jsonl"])
    assert err == ""
    assert code == 1


def _serve_once(body: bytes, content_type: str):
    """A web server on 127.0.0.1 answering every GET with ``body``; returns (server, URL)."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/news/a"


def test_check_reads_an_article_at_a_url():
    page = ("<html><head><title>لقاء</title></head><body><article><p>استقبل الرئيس الروسي فلاديمير بوتين "
            "في الكرملين المبعوث الأمريكي ستيف ويتكوف.</p><p>وقال الكرملين إن اللقاء كان بناء.</p>"
            "</article></body></html>").encode("utf-8")
    server, url = _serve_once(page, "text/html; charset=utf-8")
    try:
        code, out, err = liqaa("check", url, "--allow-private", "--format", "json")
        assert code == 0, err
        data = json.loads(out)
        assert data["source"] == url
        assert [c["person"]["id"] for c in data["claims"]] == ["vladimir-putin", "steve-witkoff"]
        # without --allow-private the safe fetcher refuses a loopback address, as ingest does
        code, _, err = liqaa("check", url)
        assert_clean_error(code, err, "127.0.0.1 is a loopback address")
    finally:
        server.shutdown()
# --- dates: ISO on the command line, read without guessing in documents ---------------

@pytest.mark.parametrize("args", [
    ["check", str(EXAMPLE_AR), "--as-of", "03/04/2025"],
    ["check", str(EXAMPLE_AR), "--as-of", "2025-13-01"],
    ["extract", str(EXAMPLE_AR), "--as-of", "13 March 2025"],
    ["ingest", str(EXAMPLE_AR), "--as-of", "2025-02-30"],
    ["meetings", "--since", "2025-13-01"],
    ["meetings", "--until", "01/13/2025"],
    ["kb", "who", "president", "BY", "--date", "2025/03/13"],
    ["kb", "build", "--sparql", "x.json", "-o", "kb", "--as-of", "March 2025"],
])
def test_a_date_option_that_is_not_an_iso_date_is_a_usage_error(args, tmp_path):
    from typer.testing import CliRunner

    from liqaa.cli import COMMAND_MODULES, app

    for name in COMMAND_MODULES:
        importlib.import_module(f"liqaa.cli.{name}")
    result = CliRunner().invoke(app, args + (["--db", f"sqlite:///{tmp_path / 'a.db'}"] if args[0] in ("ingest", "meetings") else []))
    assert result.exit_code == 2, result.output
    assert f"{args[-2]} {args[-1]!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "a.db").exists()


def test_a_front_matter_date_in_another_form_dates_the_claims_and_an_ambiguous_one_is_noted(tmp_path):
    article = "قال الرئيس الروسي فلاديمير بوتين إن المحادثات مع نظيره البيلاروسي ألكسندر لوكاشينكو مثمرة."
    (tmp_path / "a.md").write_text(f"---\ndate: 13/03/2025\n---\n{article}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ndate: 03/04/2025\n---\n{article}\n", encoding="utf-8")
    code, out, err = liqaa("check", tmp_path / "a.md", tmp_path / "b.md", "--format", "json")
    assert code == 0, err
    a, b = json.loads(out)
    assert {(c["date"], c["date_basis"]) for c in a["claims"]} == {("2025-03-13", "document")}
    assert {(c["date"], c["date_basis"]) for c in b["claims"]} == {("2025-04-03", "document")}
    note = "date '03/04/2025' could be day/month or month/day; read day first, as 2025-04-03"
    assert "notes" not in a and b["notes"] == [note]
    code, out, err = liqaa("check", tmp_path / "b.md")
    assert code == 0 and f"note: {note}" in out


def test_an_unreadable_jsonl_date_is_a_warning_and_the_item_is_checked_undated(tmp_path):
    items = tmp_path / "items.jsonl"
    items.write_text(json.dumps({"id": "a", "date": "13/13/2025",
                                 "text": "قال الرئيس الروسي فلاديمير بوتين إن المحادثات مثمرة."}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    code, out, err = liqaa("check", "--jsonl", items, "--format", "jsonl")
    assert code == 0, err
    assert "liqaa: warning: " in err and "items.jsonl:1: date '13/13/2025' not understood, ignored" in err
    [report] = [json.loads(line) for line in out.splitlines()]
    assert [c["date_basis"] for c in report["claims"]] == ["none"]
