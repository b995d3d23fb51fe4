"""The archive (liqaa.store): schema and migrations, writing, merging meetings, Arabic
full-text search, exports, recheck and the archive commands. Every store test runs on
SQLite and on PostgreSQL (LIQAA_TEST_PG_URL; skipped with the reason when unavailable)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys

import pytest
from typer.testing import CliRunner

from liqaa.sources import SourceItem
from liqaa.store import QueryError, StoreError, meetings, open_store, search, stats
from liqaa.store.testing import (dump_archive, pg_schema_url, pg_unavailable, sample_items, values_with_nul,
                                 write_jsonl)
from liqaa.store.write import content_hash

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
        return
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    with pg_schema_url() as url:
        yield url


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


def items_of(records):
    return [SourceItem(id=r["id"], text=r["text"], source=f"test:{r['id']}", title=r.get("title"),
                       date=r.get("date"), url=r.get("url"), kind="jsonl") for r in records]


def run_ingest(store, records, **kw):
    from liqaa.ingest import ingest

    return ingest(items_of(records), store, as_of=dt.date(2025, 6, 1), **kw)


def analysed(url, text, *, date="2025-02-11", meetings_=(), claims=()):
    """An analysed-article dict as write_batch takes it, without running the analysis."""
    from liqaa.store.fts import search_alt
    from liqaa.store.write import content_hash
    from liqaa.text import normalize

    norm = normalize(text)
    return {"url": url, "content_hash": content_hash(text), "title": None, "date": date, "as_of": None,
            "language": "ar", "source": url or "test", "source_id": url, "kind": "text", "fetched": None,
            "text": text, "norm_title": "", "norm_text": norm, "search_alt": search_alt(norm), "notes": [],
            "claims": list(claims), "meetings": list(meetings_)}


def meeting(key, *, date="2025-02-11", kind="host", status="happened", topics=("conflict",), place="Kremlin",
            people=(("vladimir-putin", "Vladimir Putin", "فلاديمير بوتين", "بوتين", "host"),
                    ("steve-witkoff", "Steve Witkoff", "ستيف ويتكوف", "ويتكوف", "guest"))):
    return {
        "key": key, "kind": kind, "status": status, "date": date, "date_basis": "explicit",
        "place": {"name": place, "country": "RU"} if place else None,
        "participants": [{"mention": m, "person": {"id": i, "name_en": en, "name_ar": ar, "wikidata": None},
                          "role": None, "country": None, "side": side} for i, en, ar, m, side in people],
        "topics": [{"topic": t, "evidence": [{"start": 0, "end": 5, "text": "الحرب"}], "stated_by": None}
                   for t in topics],
        "evidence": [{"start": 0, "end": 10, "text": "..."}],
    }


def write(store, articles):
    from liqaa.store.write import kb_version_id, write_batch

    with store.write() as conn:
        kbv = kb_version_id(conn, "test", dt.date(2025, 12, 31))
        return write_batch(conn, articles, kb_version=kbv, run_id=None)


# --------------------------------------------------------------------------- schema

def test_migrations_reach_head_and_match_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from liqaa.store.db import current_revision, head_revision
    from liqaa.store.models import Base

    with store.engine.connect() as conn:
        assert current_revision(conn) == head_revision()

        def include(obj, name, type_, reflected, compare_to):
            # full-text search objects live outside the ORM models
            return not (name or "").startswith(("articles_fts", "search_vector", "ix_articles_search_vector"))

        ctx = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_open_is_idempotent_and_keeps_data(db_url):
    s = open_store(db_url)
    write(s, [analysed("https://a.example/1", "استقبل الرئيس بوتين ضيفه")])
    s.close()
    s = open_store(db_url)       # upgrade head again: a no-op
    assert stats(s)["articles"] == 1
    s.close()


def _tables(url) -> list[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(inspect(conn).get_table_names())
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", ["ingest", "search", "meetings", "export", "recheck"])
def test_a_database_that_is_not_an_archive_is_left_alone(db_url, tmp_path, command):
    from sqlalchemy import create_engine, text

    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id integer PRIMARY KEY, body text)"))
        conn.execute(text("INSERT INTO notes VALUES (1, 'mine')"))
    engine.dispose()
    items = tmp_path / "items.jsonl"
    write_jsonl(items, sample_items(2))
    args = {"ingest": ["ingest", str(items), "--quiet"], "search": ["search", "بوتين"], "meetings": ["meetings"],
            "export": ["export", "claims"], "recheck": ["recheck"]}[command]
    r = cli(*args, "--db", db_url)
    assert r.exit_code == 2
    assert "is not a liqaa archive" in r.output and "notes" in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert _tables(db_url) == ["notes"]


def test_a_new_or_empty_database_becomes_an_archive(tmp_path):
    (tmp_path / "empty.db").write_bytes(b"")
    for db in (tmp_path / "empty.db", tmp_path / "new.db"):
        with open_store(f"sqlite:///{db}"):
            pass
        assert {"alembic_version", "articles"} <= set(_tables(f"sqlite:///{db}"))


def test_full_text_search_objects_exist(store):
    from sqlalchemy import text

    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            assert conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'")).scalar() == 1
        else:
            row = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_search_vector'")).scalar()
            assert row and "gin" in row.lower()


def test_default_database_is_in_the_user_data_dir(monkeypatch, tmp_path):
    from liqaa.store.db import default_url, normalise_url

    monkeypatch.delenv("LIQAA_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    url = default_url()
    assert url == f"sqlite:///{tmp_path / 'data' / 'liqaa' / 'liqaa.db'}"
    s = open_store(None)
    assert (tmp_path / "data" / "liqaa" / "liqaa.db").exists()
    s.close()
    monkeypatch.setenv("LIQAA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert normalise_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert normalise_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_unusable_database_urls_are_one_line_errors(tmp_path):
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://u@h/db")
    with pytest.raises(StoreError, match="cannot open"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{tmp_path / 'dir.db'}")


# --------------------------------------------------------------------------- writing

def test_articles_claims_and_meetings_are_stored(store):
    summary = run_ingest(store, sample_items(10))
    assert summary.added == 10 and summary.rejected == 0
    counts = stats(store)
    assert counts["articles"] == 10
    assert counts["claims"] == summary.claims > 0
    from sqlalchemy import select

    from liqaa.store.models import Article, Claim

    with store.session() as s:
        a = s.scalars(select(Article).where(Article.url == "https://news.example/a/2")).one()
        assert a.date == dt.date(2025, 3, 13) and a.language in ("ar", "mixed") and a.title == "خبر رقم 2"
        assert a.text.startswith("استقبل الرئيس الروسي") and "استقبل الرييس" in a.norm_text
        verdicts = {c.mention: c.verdict for c in a.claims}
        assert verdicts["فلاديمير بوتين"] == "supported"
        assert "refuted" in verdicts.values()       # "نظيره البيلاروسي ألكسندر ويتكوف"
        claim = s.scalars(select(Claim).where(Claim.article_id == a.id, Claim.verdict == "refuted")).first()
        assert claim.record["verdict"] == "refuted" and claim.record["explanation"]["ar"]
        assert a.text[claim.start:claim.end] == claim.mention
        assert a.kb_version_id is not None and claim.kb_version_id == a.kb_version_id


def test_same_article_twice_is_stored_once(store):
    first = run_ingest(store, sample_items(6))
    again = run_ingest(store, sample_items(6))
    assert first.added == 6
    assert again.added == 0 and again.skipped == 6
    # same text under another id and no URL: same content, skipped
    copy = dict(sample_items(1)[0], id="other", url=None)
    third = run_ingest(store, [copy])
    assert third.added == 0 and third.skip_reasons == {"same content already stored": 1}
    assert stats(store)["articles"] == 6


def test_a_changed_page_replaces_its_old_version(store):
    item = sample_items(1)[0]
    run_ingest(store, [item])
    claims_before = stats(store)["claims"]
    changed = dict(item, text=item["text"] + "\nوقال الرئيس الأمريكي دونالد ترامب إن المحادثات جيدة.")
    s2 = run_ingest(store, [changed])
    assert s2.updated == 1 and s2.added == 0
    counts = stats(store)
    assert counts["articles"] == 1 and counts["claims"] > claims_before
    hits = search(store, "ترامب")
    assert len(hits) == 1 and hits[0]["url"] == item["url"]


def test_duplicates_inside_one_batch(store):
    a = analysed("https://a.example/1", "نص الخبر الأول عن الرئيس")
    b = analysed("https://a.example/1", "نص مختلف لنفس الرابط")
    c = analysed(None, "نص الخبر الأول عن الرئيس")
    res = write(store, [a, b, c])
    assert res["added"] == 1
    assert sorted(r for _, r in res["skipped"]) == ["same URL earlier in this batch", "same content already stored"]


def test_arabic_with_marks_and_a_literal_nul_is_stored_without_nul(store):
    """Tatweel and tashkeel (the normaliser's NUL placeholders) and an input's own NUL: every
    item is stored, no stored value holds a NUL, and offsets still index the stored text."""
    from sqlalchemy import select

    from liqaa.store.models import Article

    records = sample_items(16)
    assert any("\u0640" in r["text"] for r in records) and any("\x00" in r["text"] for r in records)
    summary = run_ingest(store, records)
    assert (summary.added, summary.rejected) == (16, 0)
    assert values_with_nul(store) == []
    with store.session() as s:
        articles = {a.source_id: a for a in s.scalars(select(Article))}
        for a in articles.values():
            for c in a.claims:
                assert a.text[c.start:c.end] == c.mention == c.record["mention"]
        with_nul = next(r for r in records if "\x00" in r["text"])
        stored = articles[with_nul["id"]]
        assert stored.text == with_nul["text"].replace("\x00", "\ufffd")
        assert stored.title == with_nul["title"].replace("\x00", "\ufffd")
        assert stored.content_hash == content_hash(with_nul["text"])    # a re-run skips it
    # words beside a dropped mark are found, and the snippet quotes the original
    [hit] = search(store, "الإذاعة")[:1]
    assert "الإذاعـة" in hit["snippet"]
    nul_urls = {r["url"] for r in records if "\x00" in r["text"] and r.get("url")}
    assert nul_urls and nul_urls <= {h["url"] for h in search(store, "سلمان")}
    again = run_ingest(store, records)
    assert again.added == 0 and again.skipped == 16


def test_both_backends_store_the_same_arabic_archive(tmp_path):
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    records = sample_items(24)
    lite = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    run_ingest(lite, records)
    with pg_schema_url() as url:
        pg = open_store(url)
        run_ingest(pg, records)
        assert dump_archive(pg) == dump_archive(lite)
        pg.close()
    lite.close()


def test_an_article_the_database_refuses_is_rejected_alone(store):
    """Each article has its own savepoint: the ones before and after a refused one are stored."""
    out_of_range = {"mention": "بوتين", "start": 2 ** 63, "end": 2 ** 63 + 5, "verdict": "supported"}
    first = analysed("https://a.example/1", "استقبل الرئيس الروسي بوتين ضيفه في الكرملين")
    bad = analysed("https://a.example/2", "نص لا تقبله قاعدة البيانات", claims=[out_of_range])
    last = analysed("https://a.example/3", "التقى الرئيس الأمريكي ترامب ضيفه في البيت الأبيض")
    res = write(store, [first, bad, last])
    assert res["added"] == 2 and res["claims"] == 0
    [(article, reason)] = res["rejected"]
    assert article is bad and reason.startswith("the archive refused it (") and "\n" not in reason
    assert stats(store)["articles"] == 2 and stats(store)["claims"] == 0
    assert {h["url"] for h in search(store, "الرئيس")} == {"https://a.example/1", "https://a.example/3"}


# --------------------------------------------------------------------------- meetings

def test_reports_of_one_meeting_are_merged_by_key(store):
    key = "steve-witkoff+vladimir-putin|2025-W07|RU"
    write(store, [
        analysed("https://a.example/1", "خبر أول عن لقاء بوتين وويتكوف", date="2025-02-12",
                 meetings_=[meeting(key, topics=("conflict",))]),
        analysed("https://b.example/2", "Second report of the Putin Witkoff meeting", date="2025-02-11",
                 meetings_=[meeting(key, topics=("conflict", "humanitarian"), status="planned",
                                    place=None)]),
        analysed("https://c.example/3", "قمة أخرى", date="2025-05-14",
                 meetings_=[meeting("donald-trump+mohammed-bin-salman|2025-W20|SA", date="2025-05-13", kind="visit",
                                    topics=("economy",), place="Riyadh",
                                    people=(("donald-trump", "Donald Trump", "دونالد ترامب", "ترامب", "guest"),
                                            ("mohammed-bin-salman", "Mohammed bin Salman", "محمد بن سلمان", "محمد بن سلمان", "host")))]),
    ])
    found = meetings(store)
    assert [m["key"] for m in found] == ["donald-trump+mohammed-bin-salman|2025-W20|SA", key]   # newest first
    m = found[1]
    assert m["reports"] == 2 and m["status"] == "happened" and m["date"] == "2025-02-11"
    assert m["place"] == {"name": "Kremlin", "country": "RU"}
    assert {t["topic"]: t["reports"] for t in m["topics"]} == {"conflict": 2, "humanitarian": 1}
    assert sorted(p["person"]["id"] for p in m["participants"]) == ["steve-witkoff", "vladimir-putin"]
    assert [s["url"] for s in m["sources"]] == ["https://b.example/2", "https://a.example/1"]
    assert m["first_reported"] == "2025-02-11" and m["last_reported"] == "2025-02-12"

    assert [x["key"] for x in meetings(store, person="Witkoff")] == [key]
    assert [x["key"] for x in meetings(store, person="ويتكوف")] == [key]
    assert [x["key"] for x in meetings(store, person="steve-witkoff")] == [key]
    assert [x["key"] for x in meetings(store, person="محمد بن سلمان")] == ["donald-trump+mohammed-bin-salman|2025-W20|SA"]
    assert meetings(store, person="Lukashenko") == []
    assert [x["key"] for x in meetings(store, since=dt.date(2025, 3, 1))] == ["donald-trump+mohammed-bin-salman|2025-W20|SA"]
    assert [x["key"] for x in meetings(store, until=dt.date(2025, 3, 1))] == [key]


def test_meeting_merge_does_not_depend_on_arrival_order(db_url, tmp_path):
    key = "k1"
    arts = [analysed(f"https://x.example/{i}", f"تقرير رقم {i}", date=f"2025-02-1{i}",
                     meetings_=[meeting(key, topics=(["conflict", "energy", "economy"][i],),
                                        status=["planned", "happened", "speculated"][i])]) for i in range(3)]
    s1 = open_store(db_url)
    write(s1, arts)
    d1 = dump_archive(s1)
    s1.close()
    s2 = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    for a in reversed(arts):
        write(s2, [a])
    assert dump_archive(s2)["meetings"] == d1["meetings"]
    s2.close()


def test_deleting_the_only_report_deletes_the_meeting(store):
    from liqaa.store.write import delete_articles, refresh_meetings

    write(store, [analysed("https://a.example/1", "خبر", meetings_=[meeting("only")])])
    assert len(meetings(store)) == 1
    with store.write() as conn:
        touched = delete_articles(conn, [1] if store.dialect == "sqlite" else
                                  [conn.exec_driver_sql("SELECT id FROM articles").scalar()])
        refresh_meetings(conn, touched)
    assert meetings(store) == []


# --------------------------------------------------------------------------- search

SEARCH_TEXTS = {
    "https://s.example/1": "وصل المبعوث الأمريكي ستيف ويتكوف إلى موسكو، واستقبله الرئيس فلاديمير بوتين.",
    "https://s.example/2": "قال مسؤول إن اللقاء مع وويتكوف تناول الحرب. وأكّد أنّ الرئيسَ بوتين مهتم.",
    "https://s.example/3": "أعلنت وزارة الطاقة ارتفاع أسعار النفط في الربع الأول من العام ٢٠٢٥.",
    "https://s.example/4": "Russian President Vladimir Putin met Steve Witkoff in Moscow.",
    "https://s.example/5": "التقى أمير قطر للرئيس التركي في الدوحة، وبحثا مستقبل المنطقة مع الأمم المتحدة.",
}


@pytest.fixture
def search_store(store):
    write(store, [analysed(u, t) for u, t in SEARCH_TEXTS.items()])
    return store


def urls(results):
    return sorted(r["url"] for r in results)


def test_search_is_arabic_normalised(search_store):
    s = search_store
    assert urls(search(s, "ويتكوف")) == ["https://s.example/1", "https://s.example/2"]   # وويتكوف too
    assert urls(search(s, "أكد")) == ["https://s.example/2"]                               # tashkeel, hamza
    assert urls(search(s, "اكد")) == ["https://s.example/2"]
    assert urls(search(s, "الرئيس")) == ["https://s.example/1", "https://s.example/2", "https://s.example/5"]  # للرئيس
    assert urls(search(s, "رئيس")) == ["https://s.example/1", "https://s.example/2", "https://s.example/5"]
    assert urls(search(s, "وزاره الطاقه")) == ["https://s.example/3"]                     # ta marbuta
    assert urls(search(s, "2025")) == ["https://s.example/3"]                              # Arabic-Indic digits
    assert urls(search(s, "امير")) == ["https://s.example/5"]
    assert urls(search(s, "witkoff")) == ["https://s.example/4"]
    assert urls(search(s, "WITKOFF moscow")) == ["https://s.example/4"]
    assert urls(search(s, "بوتين موسكو")) == ["https://s.example/1"]                       # all words
    assert urls(search(s, "ويتك*")) == ["https://s.example/1", "https://s.example/2"]     # prefix
    assert search(s, "لوكاشينكو") == []
    assert len(search(s, "الرئيس", limit=2)) == 2


def test_a_query_with_proclitics_finds_the_word_without_them(search_store):
    s = search_store
    assert urls(search(s, "لبوتين")) == urls(search(s, "بوتين")) == ["https://s.example/1", "https://s.example/2"]
    assert urls(search(s, "وبوتين موسكو")) == ["https://s.example/1"]
    assert urls(search(s, "فالرئيس")) == urls(search(s, "الرئيس"))                   # ف + ال
    assert urls(search(s, "وللرئيس")) == urls(search(s, "الرئيس"))                   # و + لل
    assert urls(search(s, "بالأمم المتحدة")) == ["https://s.example/5"]               # ب + ال
    [hit] = search(s, "كموسكو")
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["موسكو"]        # highlighted as written
    assert search(s, "لوكاشينكو") == []


def test_a_word_found_as_typed_is_not_also_stripped(search_store):
    # بوتين begins with ب, which is also a proclitic: the girl's name وتين is another word
    write(search_store, [analysed("https://s.example/6", "الرضيعة وتين تعاني من سوء تغذية حاد.")])
    assert urls(search(search_store, "بوتين")) == ["https://s.example/1", "https://s.example/2"]
    assert urls(search(search_store, "لبوتين")) == ["https://s.example/1", "https://s.example/2"]


def test_search_snippets_quote_the_original_text(search_store):
    [hit] = search(search_store, "اكد")
    snippet = hit["snippet"]
    assert "وأكّد" in snippet                       # as written, with its shadda and hamza
    [(a, b)] = hit["highlights"]
    assert snippet[a:b] == "وأكّد"
    [hit] = search(search_store, "وزاره")
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["وزارة"]


def test_search_rejects_an_empty_query(search_store):
    with pytest.raises(QueryError):
        search(search_store, " ، ... ")
    # quotes and FTS syntax characters in a query are just text
    assert search(search_store, '"بوتين" OR NEAR(') == []
    assert urls(search(search_store, 'بوتين" AND')) == urls(search(search_store, "بوتين and"))


def test_proclitic_variants():
    from liqaa.store.fts import word_variants

    assert {"بوتين"} <= word_variants("لبوتين")
    assert {"رييس", "الرييس"} <= word_variants("للرييس")
    assert {"الرييس", "رييس"} <= word_variants("والرييس")
    assert "بوتين" not in word_variants("بوتين")


# --------------------------------------------------------------------------- export

def test_export_csv_and_jsonl(store):
    from liqaa.store import export_rows
    from liqaa.store.queries import FIELDS

    run_ingest(store, sample_items(5))
    claims = list(export_rows(store, "claims"))
    assert claims and all(c["schema"] if "schema" in c else True for c in claims)
    assert {"mention", "verdict", "explanation", "evidence", "article_url"} <= set(claims[0])
    flat = list(export_rows(store, "claims", flat=True))
    assert list(flat[0]) == list(FIELDS["claims"])
    arts = list(export_rows(store, "articles"))
    assert len(arts) == 5 and arts[0]["text"]
    ms = list(export_rows(store, "meetings", flat=True))
    assert all(isinstance(m["participants"], str) for m in ms)


def test_export_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    run_ingest(store, sample_items(5))
    from liqaa.cli.store import write_export
    from liqaa.store import export_rows
    from liqaa.store.queries import FIELDS

    for what in ("articles", "claims", "meetings"):
        out = tmp_path / f"{what}.parquet"
        n = write_export(export_rows(store, what, flat=True), FIELDS[what], "parquet", out)
        table = pq.read_table(out)
        assert table.num_rows == n and table.column_names == list(FIELDS[what])


# --------------------------------------------------------------------------- recheck

def _kb_without_terms(kb, person_id: str, version: str):
    import copy

    from liqaa.kb.model import KB

    people = copy.deepcopy(kb.people)
    people[person_id].terms = []
    return KB(version=version, as_of=kb.as_of, countries=kb.countries, orgs=kb.orgs, people=people)


def test_recheck_reports_changed_verdicts(store, kb):
    from liqaa.ingest import recheck

    run_ingest(store, sample_items(4), kb=kb)
    new_kb = _kb_without_terms(kb, "steve-witkoff", "test-recheck")
    out = recheck(store, new_kb)
    assert out.articles == 4
    changed = [c for c in out.changed if c["person"] == "steve-witkoff"]
    assert changed and all(c["before"] == "supported" and c["verdict"] != "supported" for c in changed)
    from sqlalchemy import select

    from liqaa.store.models import Claim, KBVersion

    with store.session() as s:
        stored = s.scalars(select(Claim).where(Claim.person_id == "steve-witkoff")).all()
        assert stored and all(c.verdict != "supported" for c in stored)
        assert "test-recheck" in s.scalars(select(KBVersion.version)).all()
    again = recheck(store, new_kb)        # already checked against this KB: nothing to do
    assert again.articles == 0
    back = recheck(store, kb)             # and back again
    assert any(c["person"] == "steve-witkoff" and c["verdict"] == "supported" for c in back.changed)


# --------------------------------------------------------------------------- commands

runner = CliRunner()


def cli(*args, input=None):
    from liqaa.cli import COMMAND_MODULES, app
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"liqaa.cli.{name}")
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


def test_cli_ingest_search_meetings_export(db_url, tmp_path):
    items = tmp_path / "items.jsonl"
    write_jsonl(items, sample_items(8))
    r = cli("ingest", str(items), "--db", db_url, "--format", "json", "--quiet", "--as-of", "2025-06-01")
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert summary["added"] == 8 and summary["rejected"] == 0 and summary["articles_per_second"] > 0
    r = cli("ingest", str(items), "--db", db_url, "--quiet")
    assert r.exit_code == 0 and "skipped" in r.stdout and "liqaa ingest" in r.stdout

    r = cli("search", "ويتكوف", "--db", db_url, "--format", "json")
    assert r.exit_code == 0
    hits = json.loads(r.stdout)["results"]
    assert hits and all("ويتكوف" in h["snippet"] for h in hits)
    r = cli("search", "ويتكوف", "--db", db_url, "--format", "jsonl", "--limit", "2")
    assert len(r.stdout.strip().splitlines()) == 2
    r = cli("search", "ويتكوف", "--db", db_url)
    assert r.exit_code == 0 and "news.example" in r.stdout
    r = cli("search", "...", "--db", db_url)
    assert r.exit_code == 2

    r = cli("meetings", "--db", db_url, "--format", "json", "--person", "Witkoff", "--since", "2025-01-01")
    assert r.exit_code == 0, r.output
    found = json.loads(r.stdout)["meetings"]
    assert found and all("steve-witkoff" in json.dumps(m["participants"]) for m in found)
    dates = [m["date"] for m in found]
    assert dates == sorted(dates, reverse=True)
    r = cli("meetings", "--db", db_url, "--format", "jsonl")
    assert r.exit_code == 0 and all(json.loads(line)["key"] for line in r.stdout.splitlines())
    r = cli("meetings", "--db", db_url)
    assert r.exit_code == 0
    r = cli("meetings", "--db", db_url, "--since", "someday")
    assert r.exit_code == 2

    r = cli("export", "claims", "--format", "csv", "--db", db_url)
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and {"mention", "verdict", "person_id"} <= set(rows[0])
    out = tmp_path / "m.jsonl"
    r = cli("export", "meetings", "--format", "jsonl", "-o", str(out), "--db", db_url)
    assert r.exit_code == 0 and all(json.loads(line)["key"] for line in out.read_text().splitlines())
    r = cli("export", "articles", "--format", "jsonl", "--db", db_url)
    assert len(r.stdout.splitlines()) == 8

    r = cli("recheck", "--db", db_url, "--format", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["summary"]["articles"] == 0       # same KB: nothing to recheck
    r = cli("recheck", "--db", db_url, "--all")
    assert r.exit_code == 0 and "0 verdicts changed" in r.stdout


def test_cli_export_parquet_without_pyarrow(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    r = cli("export", "meetings", "--format", "parquet", "-o", str(tmp_path / "m.parquet"),
            "--db", f"sqlite:///{tmp_path / 'a.db'}")
    assert r.exit_code == 2
    assert "pip install 'liqaa[parquet]'" in " ".join(r.output.split())


def test_cli_bad_database_url(tmp_path):
    r = cli("search", "x", "--db", "mysql://nobody@nowhere/db")
    assert r.exit_code == 2 and "unsupported database" in r.output
    r = cli("meetings", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/x?connect_timeout=2")
    assert r.exit_code == 2 and "cannot open" in r.output


def test_cli_db_from_environment(monkeypatch, tmp_path):
    items = tmp_path / "items.jsonl"
    write_jsonl(items, sample_items(2))
    monkeypatch.setenv("LIQAA_DB", f"sqlite:///{tmp_path / 'env.db'}")
    r = cli("ingest", str(items), "--quiet")
    assert r.exit_code == 0, r.output
    assert (tmp_path / "env.db").exists()
    r = cli("search", "بوتين", "--format", "json")
    assert json.loads(r.stdout)["results"]


# --------------------------------------------------------------------------- one meeting, one record

TRUMP_NETANYAHU = "benjamin-netanyahu+donald-trump"
NO_PLACE = "وقالت وسائل إعلام إسرائيلية إن الرئيس الأمريكي دونالد ترامب التقى رئيس الوزراء الإسرائيلي بنيامين نتنياهو."
AT_THE_WHITE_HOUSE = "استقبل الرئيس الأمريكي دونالد ترامب رئيس الوزراء الإسرائيلي بنيامين نتنياهو في البيت الأبيض."


def trump_netanyahu(store):
    return [m for m in meetings(store) if m["key"].startswith(TRUMP_NETANYAHU + "|")]


def test_one_meeting_reported_with_and_without_its_place_on_neighbouring_days_is_one_record(store):
    # Sunday 28 and Monday 29 September 2025 are in two ISO weeks; one report names the
    # White House, the other no place: still one meeting.
    run_ingest(store, [{"id": "a", "text": NO_PLACE, "date": "2025-09-29"},
                       {"id": "b", "text": AT_THE_WHITE_HOUSE, "date": "2025-09-28"},
                       {"id": "c", "text": AT_THE_WHITE_HOUSE + " (2)", "date": "2025-09-29"}])
    (m,) = trump_netanyahu(store)
    assert m["reports"] == 3 and m["key"] == f"{TRUMP_NETANYAHU}|2025-09-28|-"
    assert m["place"] == {"name": "White House", "country": "US"}
    assert sorted(p["person"]["id"] for p in m["participants"]) == ["benjamin-netanyahu", "donald-trump"]


def test_meetings_two_days_apart_stay_two_and_a_report_between_joins_them(store, db_url, tmp_path):
    far = [{"id": "a", "text": NO_PLACE, "date": "2025-09-27"}, {"id": "b", "text": AT_THE_WHITE_HOUSE, "date": "2025-09-29"}]
    run_ingest(store, far)
    assert [m["key"] for m in trump_netanyahu(store)] == [f"{TRUMP_NETANYAHU}|2025-09-29|-", f"{TRUMP_NETANYAHU}|2025-09-27|-"]
    between = {"id": "c", "text": NO_PLACE + " (3)", "date": "2025-09-28"}
    run_ingest(store, [between])
    (m,) = trump_netanyahu(store)
    assert m["key"] == f"{TRUMP_NETANYAHU}|2025-09-27|-" and m["reports"] == 3
    # the same reports in another order give the same archive (keys do not depend on arrival)
    other = open_store(f"sqlite:///{tmp_path / 'other.db'}")
    run_ingest(other, [between])
    run_ingest(other, list(reversed(far)))
    assert dump_archive(other) == dump_archive(store)
    other.close()


def test_removing_the_report_that_joined_two_days_splits_them_again(store):
    from liqaa.store.write import delete_articles, refresh_meetings

    run_ingest(store, [{"id": "a", "text": NO_PLACE, "date": "2025-09-27", "url": "https://x.example/a"},
                       {"id": "b", "text": NO_PLACE + " (2)", "date": "2025-09-28", "url": "https://x.example/b"},
                       {"id": "c", "text": AT_THE_WHITE_HOUSE, "date": "2025-09-29", "url": "https://x.example/c"}])
    assert len(trump_netanyahu(store)) == 1
    from liqaa.store.write import add_reports
    from sqlalchemy import select
    from liqaa.store.models import Article

    with store.write() as conn:
        middle = conn.execute(select(Article.id).where(Article.url == "https://x.example/b")).scalar_one()
        refresh_meetings(conn, add_reports(conn, [], regroup=delete_articles(conn, [middle])))
    assert sorted(m["key"] for m in trump_netanyahu(store)) == [f"{TRUMP_NETANYAHU}|2025-09-27|-",
                                                                f"{TRUMP_NETANYAHU}|2025-09-29|-"]


def test_one_organisation_named_two_ways_is_one_participant():
    from liqaa.store.write import merge_reports

    def report(mention, h):
        return ({"key": "delegation:IL+delegation:hamas|2025-10-07|-", "kind": "talks", "date": "2025-10-07",
                 "participants": [{"mention": "إسرائيل", "person": None, "role": None, "country": "IL", "side": None,
                                   "type": "delegation"},
                                  {"mention": mention, "person": None, "role": None, "country": None, "side": None,
                                   "type": "delegation", "org": "hamas"}]},
                {"date": None, "url": None, "hash": h})

    merged = merge_reports([report("حماس", "1"), report("حركة المقاومة الإسلامية (حماس)", "2")])
    assert sorted(p["mention"] for p in merged["participants"]) == ["إسرائيل", "حماس"]
    hamas = next(p for p in merged["participants"] if p["mention"] == "حماس")
    assert hamas["mentions"] == ["حماس", "حركة المقاومة الإسلامية (حماس)"]


def test_a_refuted_identity_is_stored_as_refuted_not_as_fact(db_url, tmp_path):
    # the title and lead of examples/putin-witkoff.ar.md
    seed = tmp_path / "seed.jsonl"
    write_jsonl(seed, [{"id": "seed", "date": "2025-03-13", "text": (
        "لقاء بوتين وويتكوف\n\nتتجه أنظار المراقبين إلى موسكو، حيث يلتقي الرئيس الروسي فلاديمير بوتين نظيره "
        "البيلاروسي ألكسندر ويتكوف في لقاء جديد.")}])
    r = cli("ingest", str(seed), "--db", db_url, "--quiet")
    assert r.exit_code == 0, r.output
    r = cli("meetings", "--db", db_url, "--format", "json")
    (m,) = json.loads(r.stdout)["meetings"]
    witkoff = next(p for p in m["participants"] if (p["person"] or {}).get("id") == "steve-witkoff")
    assert witkoff["role"] == "president" and witkoff["country"] == "BY"
    assert witkoff["identity_verdict"]["verdict"] == "refuted"
    assert witkoff["identity_verdict"]["mention"] == "ألكسندر ويتكوف"
    putin = next(p for p in m["participants"] if (p["person"] or {}).get("id") == "vladimir-putin")
    assert putin["identity_verdict"]["verdict"] == "supported"
    r = cli("meetings", "--db", db_url)
    assert r.exit_code == 0 and "refuted" in " ".join(r.stdout.split())
    r = cli("export", "meetings", "--format", "jsonl", "--db", db_url)
    assert '"verdict": "refuted"' in r.stdout


# --------------------------------------------------------------------------- migration 0002

def test_upgrade_regroups_meetings_of_an_archive_at_revision_0001(db_url):
    """An archive written under the 0001 keys (ISO week, place country): the same meeting
    stored twice is one after the upgrade, with every report and its evidence."""
    import sqlalchemy as sa

    from liqaa.store.db import make_engine, upgrade

    engine = make_engine(db_url)
    upgrade(engine, "0001")
    old = [("k-week40-none", f"{TRUMP_NETANYAHU}|2025-W40|-"), ("k-week40-us", f"{TRUMP_NETANYAHU}|2025-W40|US"),
           ("k-week39-us", f"{TRUMP_NETANYAHU}|2025-W39|US"), ("k-other", "steve-witkoff+vladimir-putin|2025-W07|RU")]
    records = {  # article -> (meeting, record date, kind, place, evidence)
        1: ("k-week40-none", "2025-09-29", "talks", None, "أ"),
        2: ("k-week40-us", "2025-09-29", "host", "US", "ب"),
        3: ("k-week39-us", "2025-09-28", "host", "US", "ج"),
        4: ("k-other", "2025-02-11", "host", "RU", "د"),
        5: ("k-week40-us", "2025-10-03", "host", "US", "هـ"),   # same week, four days later: another meeting
    }
    md = sa.MetaData()
    tables = {name: sa.Table(name, md, autoload_with=engine) for name in ("articles", "meetings", "meeting_reports")}
    stamp = dt.datetime(2025, 10, 1, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        article_ids = {}
        for i, (_, date, *_rest) in records.items():
            article_ids[i] = conn.execute(tables["articles"].insert().returning(tables["articles"].c.id).values(
                url=f"https://x.example/{i}", content_hash=f"h{i}", date=dt.date.fromisoformat(date),
                language="ar", source="test", kind="text", text=f"نص {i}", norm_title="", norm_text=f"نص {i}",
                search_alt="", notes=[], n_supported=0, n_refuted=0, n_unverifiable=0, n_meetings=1,
                ingested_at=stamp, checked_at=stamp)).scalar_one()
        ids = {}
        for name, key in old:
            ids[name] = conn.execute(tables["meetings"].insert().returning(tables["meetings"].c.id).values(
                key=key, participants=[], topics=[], n_reports=1, people="")).scalar_one()
        for i, (name, date, kind, country, ev) in records.items():
            key = dict(old)[name]
            people = key.split("|")[0].split("+")
            record = {"key": key, "kind": kind, "status": "happened", "date": date, "date_basis": "explicit",
                      "place": {"name": None, "country": country} if country else None,
                      "participants": [{"mention": p, "person": {"id": p, "name_en": p, "name_ar": p, "wikidata": None},
                                        "role": None, "country": None, "side": None} for p in people],
                      "topics": [], "evidence": [{"start": 0, "end": 1, "text": ev}]}
            conn.execute(tables["meeting_reports"].insert().values(article_id=article_ids[i], meeting_id=ids[name],
                                                                   record=record))
    engine.dispose()

    store = open_store(db_url)     # opening upgrades to head
    found = {m["key"]: m for m in meetings(store)}
    assert sorted(found) == [f"{TRUMP_NETANYAHU}|2025-09-28|-", f"{TRUMP_NETANYAHU}|2025-10-03|-",
                             "steve-witkoff+vladimir-putin|2025-02-11|-"]
    joined = found[f"{TRUMP_NETANYAHU}|2025-09-28|-"]
    assert joined["reports"] == 3 and [s["url"] for s in joined["sources"]] == [
        "https://x.example/3", "https://x.example/1", "https://x.example/2"]
    assert joined["place"] == {"name": None, "country": "US"}
    assert found[f"{TRUMP_NETANYAHU}|2025-10-03|-"]["reports"] == 1
    with store.session() as s:
        from liqaa.store.models import MeetingReport

        by_id = {v: k for k, v in article_ids.items()}
        stored = {by_id[r.article_id]: r for r in s.scalars(sa.select(MeetingReport))}
    assert len(stored) == 5
    assert stored[1].record["key"] == stored[1].key == f"{TRUMP_NETANYAHU}|2025-09-29|-"
    assert [e["text"] for r in sorted(stored.values(), key=lambda r: r.article_id) for e in r.record["evidence"]] == \
        ["أ", "ب", "ج", "د", "هـ"]
    # a new report of the joined meeting joins it, as it would have in a new archive
    write(store, [analysed("https://x.example/6", "تقرير آخر", date="2025-09-30",
                           meetings_=[meeting(f"{TRUMP_NETANYAHU}|2025-09-30|-", date="2025-09-30", place=None)])])
    assert {m["key"]: m["reports"] for m in meetings(store)}[f"{TRUMP_NETANYAHU}|2025-09-28|-"] == 4
    store.close()
def _recheck_stderr(db: str, on_terminal: bool) -> bytes:
    """What `liqaa recheck --all` writes to standard error, a terminal (a pty) or a pipe."""
    import os
    import pty
    import subprocess

    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    cmd = [sys.executable, "-m", "liqaa", "recheck", "--all", "--db", db, "--format", "json"]
    if not on_terminal:
        proc = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:   # the pty is closed once the process has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=300) == 0
    assert json.loads(proc.stdout.read())["summary"]["articles"] == 6
    os.close(master)
    return b"".join(chunks)


def test_recheck_shows_progress_on_a_terminal_only(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with open_store(db) as s:
        run_ingest(s, sample_items(6))
    shown = _recheck_stderr(db, on_terminal=True).decode("utf-8", "replace")
    assert "rechecking" in shown and "6/6" in shown
    assert _recheck_stderr(db, on_terminal=False) == b""
