"""Hostile inputs, each run through `liqaa check` and `liqaa ingest` in a subprocess with a
memory limit and a timeout (tests/hostile.py): one clear line naming the file and what is
wrong, a non-zero exit, no traceback, and the good files next to it still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hostile import alias_bomb, entity_bomb_feed, error_lines, nested_feed, nested_html, run_limited

GOOD = {
    "a.md": "---\ndate: 2025-03-13\n---\nاستقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي ستيف ويتكوف.\n",
    "c.md": "---\ndate: 2025-08-06\n---\nRussian President Vladimir Putin received US special envoy Steve Witkoff in the Kremlin.\n",
}


def _huge_line(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:  # one line, just over the 20 MB a file may have
        for _ in range(21):
            f.write("الرئيس " * (1024 * 1024 // 13))
        f.write("\n")


HOSTILE = {
    "bomb.md": ("front matter uses YAML anchors or aliases", lambda p: p.write_text(alias_bomb(), encoding="utf-8")),
    "deep.html": ("markup nested too deeply", lambda p: p.write_text(nested_html(), encoding="utf-8")),
    "huge.txt": ("file too large", _huge_line),
    "image.md": ("binary file, not an article (PNG)", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)),
    "latin1.txt": ("not UTF-8 text", lambda p: p.write_bytes("Le président Macron a reçu à l'Élysée.".encode("latin-1"))),
    "utf16.txt": ("binary file, not an article (contains NUL bytes)",
                  lambda p: p.write_bytes("Le président Macron a reçu le président.".encode("utf-16-le"))),
}
FEEDS = {
    "laughs.rss": ("markup exceeds the parser's limits", entity_bomb_feed),
    "deep.rss": ("markup nested too deeply", nested_feed),
}


def _write(tmp_path: Path, name: str) -> tuple[Path, str]:
    reason, make = HOSTILE[name]
    path = tmp_path / name
    make(path)
    return path, reason


def assert_one_clean_line(result, path: Path, reason: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    [line] = error_lines(result.stderr)
    assert f"{path}: " in line and reason in line, line


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_refuses_a_hostile_file_in_one_line(tmp_path, name):
    path, reason = _write(tmp_path, name)
    result = run_limited("check", path)
    assert result.returncode == 2
    assert_one_clean_line(result, path, reason)


@pytest.mark.parametrize("name", ["bomb.md", "deep.html", "huge.txt"])
def test_ingest_rejects_a_hostile_file_in_one_line_and_stores_nothing_of_it(tmp_path, name):
    path, reason = _write(tmp_path, name)
    result = run_limited("ingest", path, "--db", f"sqlite:///{tmp_path / 'a.db'}", "--format", "json")
    assert result.returncode == 1
    assert_one_clean_line(result, path, reason)
    summary = json.loads(result.stdout)
    assert (summary["rejected"], summary["added"]) == (1, 0)


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_ingest_refuses_a_feed_that_exceeds_the_parser_limits(tmp_path, name):
    reason, make = FEEDS[name]
    path = tmp_path / name
    path.write_text(make(), encoding="utf-8")
    result = run_limited("ingest", path, "--db", f"sqlite:///{tmp_path / 'a.db'}", "--format", "json")
    assert result.returncode == 1
    assert_one_clean_line(result, path, reason)


def _directory_with_a_bomb(tmp_path: Path) -> tuple[Path, Path]:
    news = tmp_path / "news"
    news.mkdir()
    for good, text in GOOD.items():
        (news / good).write_text(text, encoding="utf-8")
    bomb = news / "b-bomb.md"
    bomb.write_text(alias_bomb(), encoding="utf-8")
    assert bomb.stat().st_size < 500
    return news, bomb


def test_check_of_a_directory_reports_the_alias_bomb_and_checks_the_other_files(tmp_path):
    news, bomb = _directory_with_a_bomb(tmp_path)
    result = run_limited("check", news, "--format", "json")
    assert result.returncode == 2
    assert_one_clean_line(result, bomb, "front matter uses YAML anchors or aliases")
    reports = json.loads(result.stdout)
    assert sorted(Path(r["source"]).name for r in reports) == sorted(GOOD)
    assert all(r["claims"] for r in reports)


@pytest.fixture(params=["sqlite", "postgresql"])
def archive_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'a.db'}"
        return
    from liqaa.store.testing import pg_schema_url, pg_unavailable

    if reason := pg_unavailable():
        pytest.skip(reason)
    with pg_schema_url() as url:
        yield url


def test_ingest_of_a_directory_rejects_the_alias_bomb_and_stores_the_other_files(tmp_path, archive_url):
    news, bomb = _directory_with_a_bomb(tmp_path)
    db = archive_url
    result = run_limited("ingest", news, "--db", db, "--format", "json")
    assert result.returncode == 1
    assert_one_clean_line(result, bomb, "front matter uses YAML anchors or aliases")
    summary = json.loads(result.stdout)
    assert (summary["added"], summary["rejected"]) == (len(GOOD), 1)
    assert [p["source"] for p in summary["problems"]] == [str(bomb)]
    search = run_limited("search", "ويتكوف", "--db", db, "--format", "json")
    assert {Path(r["source"]).name for r in json.loads(search.stdout)["results"]} == {"a.md"}
