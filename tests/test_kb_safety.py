"""A KB file is data: a pickle given as --kb, to `kb diff` or `kb build --base`, or planted in
the cache, never runs. Pickles are only read from the user's private cache (a directory of
their own with mode 0700), and only entries the cache's keyed hash vouches for."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from liqaa import cache
from liqaa.kb.load import KBError, load_kb

HERE = Path(__file__).parent
FIXTURE_KB = HERE / "fixtures" / "kb"


class Payload:
    """Unpickling this creates ``marker``: proof that a pickle ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = str(marker)

    def __reduce__(self):
        return open, (self.marker, "w")


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "PWNED"
    yield path
    assert not path.exists(), "a planted pickle ran"


def evil_pickle(path: Path, marker: Path) -> Path:
    path.write_bytes(pickle.dumps(Payload(marker)))
    return path


def liqaa(*args, env=None):
    proc = subprocess.run([sys.executable, "-m", "liqaa", *map(str, args)], capture_output=True, timeout=120,
                          env={**os.environ, "COLUMNS": "300", "NO_COLOR": "1", **(env or {})})
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


# --- a KB file one is handed ------------------------------------------------------------

@pytest.mark.parametrize("name", ["kb.pickle", "kb.pkl", "kb.json", "kb.bin"])
@pytest.mark.parametrize("command", ["check", "extract", "kb diff", "kb diff new", "kb build --base"])
def test_a_pickled_kb_is_refused_unread_with_the_command_that_rebuilds_it(tmp_path, marker, name, command):
    kb = evil_pickle(tmp_path / name, marker)
    article = tmp_path / "a.md"
    article.write_text("قال الرئيس الروسي فلاديمير بوتين إن المحادثات مفيدة.\n", encoding="utf-8")
    args = {
        "check": ["check", "--kb", kb, article],
        "extract": ["extract", "--kb", kb, article],
        "kb diff": ["kb", "diff", kb, FIXTURE_KB],
        "kb diff new": ["kb", "diff", FIXTURE_KB, kb],
        "kb build --base": ["kb", "build", "--sparql", article, "--base", kb, "-o", tmp_path / "out.json"],
    }[command]
    code, out, err = liqaa(*args)
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "pickled knowledge base" in err
    assert f"liqaa kb build <the --sparql/--dump inputs it was built from> -o {kb.with_suffix('.json')}" in err
    assert not (tmp_path / "out.json").exists()


def test_a_kb_file_that_is_not_json_data_is_not_a_kb(tmp_path):
    bad = tmp_path / "kb.json"
    bad.write_text("[1, 2", encoding="utf-8")
    with pytest.raises(KBError, match="not a liqaa knowledge base file"):
        load_kb(bad)
    bad.write_text('{"format": "liqaa.kb/1", "kb": {"as_of": "2025-01-01"}, "countries": [{"en": "x"}], '
                   '"orgs": [], "people": []}', encoding="utf-8")
    with pytest.raises(KBError, match="not a liqaa knowledge base"):
        load_kb(bad, use_cache=False)


def test_kb_build_writes_no_pickle_and_says_so_before_building(tmp_path):
    code, _, err = liqaa("kb", "build", "--sparql", tmp_path / "missing.json", "-o", tmp_path / "kb.pickle")
    assert code == 2 and "no longer writes pickled" in err and str(tmp_path / "kb.json") in err, err
    assert not (tmp_path / "kb.pickle").exists()


def test_the_compiled_kb_is_json_and_loads_back_the_same(tmp_path):
    from liqaa.kb.build import diff_kbs, write_kb
    from liqaa.kb.load import DATA_DIR

    kb = load_kb(DATA_DIR, use_cache=False)
    out = write_kb(kb, tmp_path / "kb.json", compiled=True, meta={"built": "2026-01-02"})
    assert out.read_bytes().startswith(b'{"format":"liqaa.kb/1"')
    again = load_kb(out, use_cache=False)
    assert (again.version, again.as_of) == (kb.version, kb.as_of)
    assert again.countries == kb.countries             # abolished offices included (Turkey's PM)
    assert again.countries["TR"].abolished
    assert not any(diff_kbs(kb, again)["summary"].values())
    # The YAML directory keeps the abolished offices too.
    assert load_kb(write_kb(kb, tmp_path / "dir"), use_cache=False).countries == kb.countries


# --- the private cache --------------------------------------------------------------------

@pytest.fixture
def cache_at(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    monkeypatch.setenv("LIQAA_CACHE_DIR", str(path))
    return path


def _entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle"))


def test_the_cache_directory_is_created_private_and_holds_keyed_entries(cache_at):
    kb = load_kb(FIXTURE_KB)
    assert (cache_at.stat().st_mode & 0o777) == 0o700
    [entry] = _entries(cache_at)
    assert entry.stat().st_mode & 0o777 == 0o600
    assert load_kb(FIXTURE_KB).people.keys() == kb.people.keys()


def test_the_cache_key_is_the_content_not_the_mtime(cache_at, tmp_path):
    kb_dir = shutil.copytree(FIXTURE_KB, tmp_path / "kb")
    load_kb(kb_dir)
    [first] = _entries(cache_at)
    os.utime(kb_dir / "kb.yaml", (1, 1))
    load_kb(kb_dir)
    assert _entries(cache_at) == [first]            # touched: the same input
    text = (kb_dir / "kb.yaml").read_text(encoding="utf-8")
    (kb_dir / "kb.yaml").write_text(text.replace("version:", "version: x", 1), encoding="utf-8")
    os.utime(kb_dir / "kb.yaml", (1, 1))
    assert load_kb(kb_dir).version.startswith("x")  # edited, even with the old mtime: another key


def _plant_unsigned(directory: Path, marker: Path, _other: Path) -> None:
    for entry in _entries(directory):
        evil_pickle(entry, marker)


def _plant_tampered(directory: Path, marker: Path, _other: Path) -> None:
    head = len(cache.MAGIC) + cache.DIGEST_SIZE
    for entry in _entries(directory):
        entry.write_bytes(entry.read_bytes()[:head] + pickle.dumps(Payload(marker)))


def _plant_foreign(directory: Path, marker: Path, other: Path) -> None:
    # Signed, but by another cache's secret (copied from elsewhere).
    other.mkdir(mode=0o700)
    for entry in _entries(directory):
        cache.write_entry(other, entry.name, Payload(marker))
        shutil.copyfile(other / entry.name, entry)


def _plant_renamed(directory: Path, marker: Path, _other: Path) -> None:
    # Signed with this cache's own secret, but as another entry.
    for entry in _entries(directory):
        cache.write_entry(directory, "other.pickle", Payload(marker))
        os.replace(directory / "other.pickle", entry)


@pytest.mark.parametrize("plant", [_plant_unsigned, _plant_tampered, _plant_foreign, _plant_renamed])
def test_a_pickle_planted_under_a_cache_entrys_name_never_runs(cache_at, tmp_path, marker, plant):
    expected = load_kb(FIXTURE_KB, use_cache=False)
    load_kb(FIXTURE_KB)                 # the entry now exists under its name
    assert _entries(cache_at)
    plant(cache_at, marker, tmp_path / "other-cache")
    kb = load_kb(FIXTURE_KB)            # rebuilt, not unpickled
    assert kb.people.keys() == expected.people.keys()
    assert load_kb(FIXTURE_KB).people.keys() == expected.people.keys()   # and cached right again


def _signed_payloads(directory: Path, marker: Path) -> None:
    # A valid entry in every respect but the directory's: only its mode or owner stops it.
    for entry in _entries(directory):
        cache.write_entry(directory, entry.name, Payload(marker))


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_a_cache_directory_others_can_write_to_is_not_used(cache_at, marker, mode):
    load_kb(FIXTURE_KB)
    _signed_payloads(cache_at, marker)
    os.chmod(cache_at, mode)
    before = {p: p.read_bytes() for p in cache_at.iterdir()}
    assert load_kb(FIXTURE_KB).people
    assert {p: p.read_bytes() for p in cache_at.iterdir()} == before     # neither read nor written
    assert cache_at.stat().st_mode & 0o777 == mode


def test_a_cache_directory_owned_by_someone_else_is_not_used(cache_at, marker, monkeypatch):
    load_kb(FIXTURE_KB)
    _signed_payloads(cache_at, marker)
    if os.geteuid() == 0:
        os.chown(cache_at, 65534, 65534)
    else:  # only root can give a directory away: be another user instead
        monkeypatch.setattr(cache, "_uid", lambda: os.geteuid() + 1)
    assert load_kb(FIXTURE_KB).people


def test_a_users_own_closed_cache_directory_is_tightened_and_kept(cache_at):
    load_kb(FIXTURE_KB)
    os.chmod(cache_at, 0o755)          # what an older liqaa made: nobody else could write to it
    [entry] = _entries(cache_at)
    stamp = entry.stat().st_mtime_ns
    load_kb(FIXTURE_KB)
    assert cache_at.stat().st_mode & 0o777 == 0o700
    assert _entries(cache_at) == [entry] and entry.stat().st_mtime_ns == stamp   # read, not rebuilt


def test_privacy_is_owner_and_no_access_for_group_or_others():
    st = os.stat_result((0o40700, 0, 0, 0, 1000, 1000, 0, 0, 0, 0))
    assert cache.is_private(st, 1000)
    assert not cache.is_private(st, 1001)
    assert not cache.is_private(os.stat_result((0o40750, 0, 0, 0, 1000, 1000, 0, 0, 0, 0)), 1000)
    assert not cache.is_private(os.stat_result((0o100644, 0, 0, 0, 1000, 1000, 0, 0, 0, 0)), 1000, mode=0o600)
