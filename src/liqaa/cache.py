"""A small private on-disk cache of compiled objects (the KB model, the gazetteer automaton).

Compiling from YAML costs more than checking an article, so results are pickled into the
user cache directory (``LIQAA_CACHE_DIR`` overrides it) under a key derived from the
inputs' content. A missing, stale or unreadable entry is rebuilt; a read-only cache
directory only costs speed.

Unpickling runs code, so an entry is loaded only when nobody else can have written it:

* the directory is the user's own and private (mode 0700; it is created so, and one of the
  user's that no one else can write to is tightened to it). A directory owned by someone
  else, or writable by group or others, is not used at all: everything is rebuilt.
* each entry carries a keyed hash (BLAKE2b) of its name and payload under a secret that lives
  in the directory (mode 0600). An entry that was tampered with, renamed, or copied from
  another cache does not match and is rebuilt; it is never unpickled.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import pickle
import secrets
import stat
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")

MAGIC = b"liqaa-cache/2\n"
DIGEST_SIZE = 32
SECRET_NAME = "secret"
SECRET_SIZE = 32


def cache_dir() -> Path:
    env = os.environ.get("LIQAA_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("liqaa"))


def fingerprint(*parts: object, files: list[Path] = ()) -> str:
    """A key for the given parts and the content of ``files`` (not their dates: a file
    copied, touched or restored with another mtime is the same input)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(str(part).encode())
        h.update(b"\0")
    for f in files:
        h.update(str(f).encode())
        h.update(b"\0")
        h.update(_content_digest(f))
    return h.hexdigest()


def _content_digest(path: Path) -> bytes:
    # os.read rather than Path.read_bytes: the KB is some 200 small files, read on every run.
    h = hashlib.blake2b(digest_size=32)
    fd = os.open(path, os.O_RDONLY)
    try:
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
    finally:
        os.close(fd)
    return h.digest()


def _uid() -> int:
    # Without user ids (Windows) nothing is private by this test, and nothing is cached.
    return os.geteuid() if hasattr(os, "geteuid") else -1


def is_private(st: os.stat_result, uid: int, mode: int = 0o700) -> bool:
    """Owned by ``uid`` and with no permission for group or others beyond ``mode``'s."""
    return st.st_uid == uid and stat.S_IMODE(st.st_mode) & ~mode & 0o777 == 0


def private_dir(path: Path | None = None) -> Path | None:
    """The cache directory, created with mode 0700, when it is the user's and private;
    else None (it is then neither read nor written)."""
    path = path or cache_dir()
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(path)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != _uid():
            return None
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None        # others may have put files in it
        if stat.S_IMODE(st.st_mode) != 0o700:
            # The user's own directory that nobody else could write to (an older liqaa made
            # it 0755): closing it loses nothing and keeps the cache.
            os.chmod(path, 0o700)
            st = os.stat(path)
        return path if is_private(st, _uid()) else None
    except OSError:
        return None


def _secret(directory: Path, create: bool) -> bytes | None:
    """The directory's secret key, made on first use; None when it is not the user's own
    private file."""
    path = directory / SECRET_NAME
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        if not create:
            return None
        return _new_secret(path)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not is_private(os.fstat(fh.fileno()), _uid(), mode=0o600):
            return None
        key = fh.read(SECRET_SIZE + 1)
    return key if len(key) == SECRET_SIZE else None


def _new_secret(path: Path) -> bytes | None:
    key = secrets.token_bytes(SECRET_SIZE)
    try:
        # O_EXCL: never replaces the secret another process just made (a reader that finds
        # it half-written sees a short key and simply does without the cache once).
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _secret(path.parent, create=False)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def _digest(key: bytes, name: str, payload: bytes) -> bytes:
    h = hashlib.blake2b(key=key, digest_size=DIGEST_SIZE)
    h.update(name.encode())
    h.update(b"\0")
    h.update(payload)
    return h.digest()


def _load_without_collections(payload: bytes):
    """Unpickle with the cyclic garbage collector paused: the tens of thousands of
    containers of a KB or gazetteer would otherwise trigger collection after collection
    over a growing heap (3x the load time); nothing unpickled is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if enabled:
            gc.enable()


def read_entry(directory: Path, name: str):
    """The object stored as ``name``, or None when there is no entry the key vouches for."""
    key = _secret(directory, create=False)
    if key is None:
        return None
    try:
        fd = os.open(directory / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not is_private(os.fstat(fh.fileno()), _uid(), mode=0o600):
            return None
        data = fh.read()
    head = len(MAGIC) + DIGEST_SIZE
    if not data.startswith(MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if not hmac.compare_digest(data[len(MAGIC):head], _digest(key, name, payload)):
        return None
    return _load_without_collections(payload)


def write_entry(directory: Path, name: str, obj) -> None:
    """Store ``obj`` as ``name`` (atomically, mode 0600)."""
    key = _secret(directory, create=True)
    if key is None:
        return
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = directory / f".{name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            fh.write(_digest(key, name, payload))
            fh.write(payload)
        os.replace(tmp, directory / name)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def cached(name: str, key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """The object cached as ``name-key``, or ``build()`` stored there."""
    entry = f"{name}-{key}.pickle"
    directory = private_dir()
    if directory is not None:
        try:
            obj = read_entry(directory, entry)
            if obj is not None and (kind is None or isinstance(obj, kind)):
                return obj
        except Exception:  # noqa: BLE001 - a broken entry (one we wrote) is rebuilt below
            pass
    obj = build()
    if directory is not None:
        try:
            write_entry(directory, entry, obj)
        except OSError:
            pass
    return obj
