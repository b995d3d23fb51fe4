"""liqaa ingest: idempotent, resumable after SIGKILL, parallel (process pool, Dask
LocalCluster) with one writer, and tolerant of malformed inputs. Every test runs on SQLite
and on PostgreSQL (LIQAA_TEST_PG_URL; skipped with the reason when unavailable). Network
traffic goes only to servers on 127.0.0.1 started here, or to httpx.MockTransport."""

from __future__ import annotations

import datetime as dt
import http.server
import io
import json
import os
import random
import signal
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from liqaa.ingest import ingest, iter_sources, recheck
from liqaa.sources import SourceItem
from liqaa.store import meetings, open_store, search, stats
from liqaa.store.testing import (dump_archive, pg_schema_url, pg_unavailable, sample_items, values_with_nul,
                                 write_jsonl)
from liqaa.store.write import content_hash as write_content_hash

AS_OF = dt.date(2025, 6, 1)


def _url_for(kind: str, tmp_path: Path, name: str = "archive.db"):
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / name}", None
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    ctx = pg_schema_url()
    return ctx.__enter__(), ctx


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    return request.param


@pytest.fixture
def make_url(backend, tmp_path):
    """A factory of fresh, empty databases of the backend under test."""
    contexts = []

    def make(name: str = "archive.db") -> str:
        url, ctx = _url_for(backend, tmp_path, name)
        if ctx:
            contexts.append(ctx)
        return url

    yield make
    for ctx in contexts:
        ctx.__exit__(None, None, None)


@pytest.fixture
def store(make_url):
    s = open_store(make_url())
    yield s
    s.close()


def items_of(records):
    return [SourceItem(id=r["id"], text=r["text"], source=f"items.jsonl:{n}", title=r.get("title"),
                       date=r.get("date"), url=r.get("url"), kind="jsonl") for n, r in enumerate(records, 1)]


# --------------------------------------------------------------------------- basics

def test_ingest_is_idempotent(store):
    records = sample_items(30)
    first = ingest(items_of(records), store, as_of=AS_OF, batch_size=7)
    assert (first.read, first.added, first.skipped, first.rejected) == (30, 30, 0, 0)
    assert first.claims > 0 and first.refuted > 0 and first.meetings > 0
    before = dump_archive(store)
    again = ingest(items_of(records + records[:5]), store, as_of=AS_OF, batch_size=7)
    assert again.added == 0 and again.skipped == 35
    assert dump_archive(store) == before
    counts = stats(store)
    assert counts["articles"] == 30 and counts["claims"] == first.claims
    # the same meeting reported by several articles is one merged meeting
    merged = meetings(store, person="Witkoff")
    assert merged and max(m["reports"] for m in merged) > 1


def test_run_and_problems_are_recorded(store):
    from sqlalchemy import select

    from liqaa.sources import SourceProblem
    from liqaa.store.models import IngestProblem, IngestRun

    summary = ingest([*items_of(sample_items(3)), SourceProblem("x.jsonl:9", "line 9: not valid JSON")], store,
                     as_of=AS_OF, sources=["x.jsonl"])
    with store.session() as s:
        run = s.get(IngestRun, summary.run_id)
        assert run.status == "finished" and run.finished_at and run.sources == ["x.jsonl"]
        assert run.counts["added"] == 3 and run.counts["rejected"] == 1
        assert [(p.source, p.reason) for p in s.scalars(select(IngestProblem))] == [("x.jsonl:9", "line 9: not valid JSON")]


def test_progress_events(store):
    events = []
    ingest(items_of(sample_items(12)), store, as_of=AS_OF, batch_size=5,
           progress=lambda event, **data: events.append((event, data.get("summary"))))
    names = [e for e, _ in events]
    assert names[0] == "start" and names[-1] == "done" and names.count("batch") >= 3
    stored = [s.stored for e, s in events if e == "batch"]
    assert stored == sorted(stored) and stored[-1] == 12


def test_a_failing_analysis_is_rejected_and_the_rest_stored(store, monkeypatch):
    import liqaa.ingest as ing

    real = ing.analyse_item

    def flaky(item, kb, as_of=None):
        if item["id"] == "item-3":
            raise RuntimeError("boom")
        return real(item, kb, as_of)

    monkeypatch.setattr(ing, "analyse_item", flaky)
    summary = ingest(items_of(sample_items(6)), store, as_of=AS_OF)
    assert summary.added == 5 and summary.rejected == 1
    [(source, reason)] = summary.problems
    assert "analysis failed (RuntimeError: boom" in reason


def test_an_item_the_archive_refuses_is_one_rejection(store, monkeypatch):
    """A savepoint per item: the database refusing one article's values rejects that article
    alone; the items before and after it in the batch are stored, and the run finishes."""
    from sqlalchemy import select

    import liqaa.ingest as ing
    from liqaa.store.models import IngestProblem, IngestRun

    real = ing.analyse_item

    def out_of_range(item, kb, as_of=None):
        result = real(item, kb, as_of)
        if item["id"] == "item-3":      # an offset no INTEGER column holds
            result["claims"] = [dict(c, start=2 ** 63) for c in result["claims"]]
        return result

    monkeypatch.setattr(ing, "analyse_item", out_of_range)
    records = sample_items(8)
    summary = ingest(items_of(records), store, as_of=AS_OF)
    assert (summary.added, summary.rejected) == (7, 1)
    [(source, reason)] = summary.problems
    assert source == "items.jsonl:4" and reason.startswith("the archive refused it (") and "\n" not in reason
    assert {a[0] for a in dump_archive(store)["articles"]} == {
        write_content_hash(r["text"]) for r in records if r["id"] != "item-3"}
    with store.session() as s:
        run = s.get(IngestRun, summary.run_id)
        assert run.status == "finished" and run.counts["rejected"] == 1 and run.counts["added"] == 7
        assert [(p.source, p.reason) for p in s.scalars(select(IngestProblem))] == [(source, reason)]


def test_cli_reports_an_item_the_archive_refuses_in_one_line(make_url, tmp_path):
    """PostgreSQL refuses a URL longer than its unique index holds: one rejection, reported
    in one line (exit 1, as for any rejected item); SQLite stores it. Either way the Arabic
    items around it (tatweel, tashkeel, a literal NUL) are stored."""
    from typer.testing import CliRunner

    from liqaa.cli import app
    import liqaa.cli.store  # noqa: F401

    url = make_url()
    records = sample_items(8)
    rnd = random.Random(7)      # incompressible, so that PostgreSQL cannot shrink it into its index
    long_url = "https://news.example/" + "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(4000))
    records.insert(3, {"id": "long", "text": "استقبل الرئيس الروسي بوتين ضيفه في الكرملين.", "url": long_url})
    items = tmp_path / "items.jsonl"
    write_jsonl(items, records)
    r = CliRunner().invoke(app, ["ingest", str(items), "--db", url, "--as-of", str(AS_OF)], catch_exceptions=False)
    assert "Traceback" not in r.output and "NUL" not in r.output
    s = open_store(url)
    if s.dialect == "postgresql":
        assert r.exit_code == 1, r.output
        [line] = [line for line in r.stderr.splitlines() if "rejected:" in line]
        assert "items.jsonl:4: the archive refused it (" in line and "uq_articles_url" in line
        assert stats(s)["articles"] == 8
    else:
        assert r.exit_code == 0, r.output
        assert stats(s)["articles"] == 9
    s.close()


def test_workers_give_the_same_archive(make_url):
    records = sample_items(60)
    one = open_store(make_url("one.db"))
    two = open_store(make_url("two.db"))
    s1 = ingest(items_of(records), one, as_of=AS_OF, batch_size=10)
    s2 = ingest(items_of(records), two, as_of=AS_OF, batch_size=10, workers=2, chunk_size=4)
    assert s2.executor == "processes" and s2.added == s1.added == 60
    assert dump_archive(one) == dump_archive(two)
    one.close()
    two.close()


def test_dask_local_cluster_gives_the_same_archive(make_url):
    distributed = pytest.importorskip("distributed")
    records = sample_items(40)
    inline = open_store(make_url("inline.db"))
    ingest(items_of(records), inline, as_of=AS_OF)
    on_dask = open_store(make_url("dask.db"))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=40) as cluster:
        summary = ingest(items_of(records), on_dask, as_of=AS_OF, scheduler=cluster.scheduler_address,
                         batch_size=10, chunk_size=4)
        assert summary.executor == "dask" and summary.added == 40
        assert dump_archive(on_dask) == dump_archive(inline)
        # and recheck runs there too
        out = recheck(on_dask, scheduler=cluster.scheduler_address, all_articles=True)
        assert out.articles == 40 and out.changed == []
    inline.close()
    on_dask.close()


def test_unreachable_scheduler_is_a_clear_error(store):
    from liqaa.ingest import IngestError

    with pytest.raises(IngestError, match="cannot reach the Dask scheduler"):
        ingest(items_of(sample_items(1)), store, scheduler="tcp://127.0.0.1:1", scheduler_timeout=2)


# --------------------------------------------------------------------------- SIGKILL

def _ingest_cmd(items: Path, url: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "liqaa", "ingest", str(items), "--db", url, "--quiet", "--format", "json",
            "--as-of", str(AS_OF), "--batch-size", "8", *extra]


def test_killed_ingest_resumes_to_the_same_archive(make_url, tmp_path):
    """SIGKILL the ingest (and its worker processes) at random moments, several times;
    re-runs finish the job: the archive equals a clean run's, nothing lost or doubled. On
    both backends, with Arabic items carrying tatweel, tashkeel and a literal NUL."""
    records = sample_items(700)
    items = tmp_path / "items.jsonl"
    write_jsonl(items, records)
    clean_url, killed_url = make_url("clean.db"), make_url("killed.db")
    done = subprocess.run(_ingest_cmd(items, clean_url), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    clean_summary = json.loads(done.stdout)
    assert clean_summary["added"] == 700

    rnd = random.Random(20251129)
    kills = 0
    counts = []
    for attempt in range(5):
        workers = ["--workers", "2"] if attempt % 2 else []
        proc = subprocess.Popen(_ingest_cmd(items, killed_url, *workers), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(rnd.uniform(0.6, 2.2))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)       # the whole process group, like an OOM kill
            kills += 1
        proc.communicate(timeout=60)
        s = open_store(killed_url)
        counts.append(stats(s)["articles"])
        s.close()
    assert kills >= 3, f"the ingest finished before it could be killed ({counts})"
    assert counts == sorted(counts), "a killed run lost stored articles"
    final = subprocess.run(_ingest_cmd(items, killed_url), capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout)
    assert summary["added"] + summary["skipped"] == 700

    clean, killed = open_store(clean_url), open_store(killed_url)
    a, b = dump_archive(clean), dump_archive(killed)
    assert len(b["articles"]) == 700
    assert len({row[0] for row in b["articles"]}) == 700           # no duplicates
    for part in ("articles", "claims", "meetings", "reports"):
        assert a[part] == b[part], part
    assert stats(clean) == stats(killed)
    assert values_with_nul(killed) == []
    clean.close()
    killed.close()


def test_concurrent_ingests_store_each_article_once(make_url, tmp_path):
    """Two ingests of overlapping inputs at the same time (several machines on one
    PostgreSQL; two processes on one SQLite file): no duplicates, nothing missing."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_jsonl(a, sample_items(160))
    write_jsonl(b, sample_items(160, start=80))
    url = make_url("shared.db")
    open_store(url).close()   # migrate once up front
    procs = [subprocess.Popen(_ingest_cmd(p, url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for p in (a, b)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    s = open_store(url)
    assert stats(s)["articles"] == 240
    reference = open_store(make_url("reference.db"))
    ingest(items_of(sample_items(240)), reference, as_of=AS_OF)
    assert dump_archive(s) == dump_archive(reference)
    s.close()
    reference.close()


# --------------------------------------------------------------------------- malformed inputs

PAGE = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>{title}</title></head>
<body><article><h1>{title}</h1><p>{body}</p><p>وأضاف المتحدث أن المحادثات ستستمر خلال الأسابيع المقبلة
بين الوفدين، وأن اللقاء المقبل سيعقد في موعد يحدد لاحقا بعد التشاور بين الجانبين.</p></article></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>https://feed.example/</link><description>d</description>
<item><title>بوتين يستقبل ويتكوف</title><link>https://feed.example/1</link><pubDate>Tue, 11 Feb 2025 10:00:00 GMT</pubDate>
<description>استقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي ستيف ويتكوف لبحث الحرب في أوكرانيا.</description></item>
<item><title>لقاء في الرياض</title><link>https://feed.example/2</link><pubDate>Tue, 13 May 2025 10:00:00 GMT</pubDate>
<description>التقى الرئيس الأمريكي دونالد ترامب ولي العهد السعودي الأمير محمد بن سلمان في الرياض.</description></item>
</channel></rss>"""


class _Handler(http.server.BaseHTTPRequestHandler):
    sent_huge = 0

    def log_message(self, *args):
        pass

    def _send(self, status, body: bytes, ctype="text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/page":
            body = PAGE.format(title="ترامب في الدوحة", body="وصل الرئيس الأمريكي دونالد ترامب إلى الدوحة حيث استقبله أمير قطر الشيخ تميم بن حمد آل ثاني.")
            self._send(200, body.encode())
        elif self.path == "/feed.xml":
            self._send(200, FEED.encode(), "application/rss+xml")
        elif self.path == "/slow":
            time.sleep(4)
            self._send(200, b"<html><body><p>late</p></body></html>")
        elif self.path == "/empty.html":
            self._send(200, b"<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>")
        elif self.path == "/huge":
            # 200 MB of HTML, streamed without a Content-Length; a client must stop early
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + "ا".encode() * 32768 + b"</p>\n"
            try:
                while type(self).sent_huge < 200 * 1024 * 1024:
                    self.wfile.write(chunk)
                    type(self).sent_huge += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, b"not found")


@pytest.fixture
def web():
    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

        def handle_error(self, request, client_address):
            pass   # clients hanging up (timeouts, size caps) are what these tests provoke

    _Handler.sent_huge = 0
    server = Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _truncated_warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for n, (title, body) in enumerate([("بوتين في مينسك", "استقبل الرئيس البيلاروسي ألكسندر لوكاشينكو نظيره الروسي فلاديمير بوتين في مينسك."),
                                       ("ثانية", "نص الصفحة الثانية عن الرئيس التركي رجب طيب أردوغان.")]):
        html = PAGE.format(title=title, body=body).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://warc.example/{n}", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    data = buf.getvalue()
    path.write_bytes(data[: len(data) - 400])        # the second record is cut short


def test_malformed_inputs_are_reported_and_skipped(store, tmp_path, web):
    good = tmp_path / "good.jsonl"
    write_jsonl(good, sample_items(10))
    first = ingest(iter_sources([str(good)]), store, as_of=AS_OF)
    assert first.added == 10
    before = dump_archive(store)

    (tmp_path / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>x</ti", encoding="utf-8")
    (tmp_path / "empty.html").write_text("<html><body><script>var x;</script><style>p{}</style></body></html>",
                                         encoding="utf-8")
    _truncated_warc(tmp_path / "cut.warc")
    more = tmp_path / "more.jsonl"
    write_jsonl(more, sample_items(5, start=10))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# feeds and pages\n{web}/feed.xml\n{web}/page\n\n{web}/empty.html\n", encoding="utf-8")
    sources = [str(tmp_path / "broken.rss"), str(tmp_path / "empty.html"), str(tmp_path / "cut.warc"),
               f"{web}/slow", f"{web}/huge", str(more), str(feeds)]
    t0 = time.perf_counter()
    summary = ingest(iter_sources(sources, allow_private=True, timeout=1, retries=0), store, as_of=AS_OF)
    elapsed = time.perf_counter() - t0
    reasons = dict(summary.problems)
    text = "\n".join(f"{s}: {r}" for s, r in summary.problems)
    assert any("broken.rss" in s and ("feed" in r or "no text" in r) for s, r in summary.problems), text
    assert any("empty.html" in s and "no article text" in r for s, r in summary.problems), text
    assert any("cut.warc" in s and "truncated" in r for s, r in summary.problems), text
    assert any("/slow" in s and "timed out" in r for s, r in summary.problems), text
    assert any("/huge" in s and "too large" in r for s, r in summary.problems), text
    assert any("feeds.txt:3" in s and "no article text" in r for s, r in summary.problems), text
    assert summary.rejected == len(summary.problems) == 6, text
    assert _Handler.sent_huge < 100 * 1024 * 1024, "the 200 MB response was not cut off"
    assert elapsed < 30
    # good items around the bad ones: WARC record 1, the feed's 2 entries, the page, 5 JSONL lines
    assert summary.added == 9, (summary.to_dict(), text)
    after = dump_archive(store)
    assert set(before["articles"]) <= set(after["articles"])           # nothing already stored is lost
    assert set(before["claims"]) <= set(after["claims"])
    assert stats(store)["articles"] == 19
    assert search(store, "لوكاشينكو")[0]["url"] == "https://warc.example/0"
    assert {r["url"] for r in search(store, "ترامب")} >= {"https://feed.example/2", f"{web}/page"}
    assert reasons  # reported with reasons


def test_redirect_to_loopback_is_refused(store):
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example" and request.url.path == "/article":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1:8080/admin"})
        if request.url.host == "news.example" and request.url.path == "/ok":
            body = PAGE.format(title="خبر", body="التقى الرئيس الأمريكي دونالد ترامب الرئيس الروسي فلاديمير بوتين في ألاسكا.")
            return httpx.Response(200, headers={"Content-Type": "text/html; charset=utf-8"}, content=body.encode())
        return httpx.Response(500)

    ingest(items_of(sample_items(3)), store, as_of=AS_OF)
    client = httpx.Client(transport=httpx.MockTransport(handler))
    summary = ingest(iter_sources(["https://news.example/article", "https://news.example/ok"], client=client,
                                  resolve=lambda host: ["93.184.216.34"], retries=0), store, as_of=AS_OF)
    [(source, reason)] = summary.problems
    assert source == "https://news.example/article"
    assert "redirect to http://127.0.0.1:8080/admin refused" in reason and "loopback" in reason
    assert summary.added == 1 and stats(store)["articles"] == 4


def test_cli_ingest_reports_rejections_and_exit_status(store, tmp_path):
    from typer.testing import CliRunner

    from liqaa.cli import app
    import liqaa.cli.store  # noqa: F401

    items = tmp_path / "items.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in sample_items(4)]
    lines.insert(2, "{not json")
    items.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["ingest", str(items), str(tmp_path / "missing.md"), "--db", store.url,
                                 "--as-of", "2025-06-01"], catch_exceptions=False)
    assert r.exit_code == 1
    assert "items.jsonl:3" in r.stderr and "not valid JSON" in r.stderr
    assert "missing.md" in r.stderr and "no such file" in r.stderr
    assert "rejected" in r.stdout and "articles/s" in r.stdout
    assert stats(store)["articles"] == 4
    r = CliRunner().invoke(app, ["ingest", "-", "--db", store.url, "--quiet"],
                           input="استقبل الرئيس الروسي فلاديمير بوتين ضيفه في الكرملين اليوم.".encode())
    assert r.exit_code == 0, r.output
    assert stats(store)["articles"] == 5
    r = CliRunner().invoke(app, ["ingest", str(items), "--db", store.url, "--workers", "2",
                                 "--scheduler", "tcp://127.0.0.1:1"])
    assert r.exit_code == 2


@pytest.mark.parametrize("command", [["search", "ويتكوف"], ["meetings"], ["export", "meetings"], ["recheck"]])
def test_reading_a_missing_archive_is_an_error_not_a_new_empty_one(tmp_path, command):
    from typer.testing import CliRunner

    from liqaa.cli import app
    import liqaa.cli.store  # noqa: F401

    missing = tmp_path / "typo" / "archive.db"
    r = CliRunner().invoke(app, [*command, "--db", str(missing)])
    assert r.exit_code == 2
    assert f"no archive at {missing}" in r.stderr and "liqaa ingest" in r.stderr
    assert not missing.parent.exists()
