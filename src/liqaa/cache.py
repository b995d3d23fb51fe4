"""A small on-disk cache of compiled objects (the KB model, the gazetteer automaton).

Compiling from YAML costs more than checking an article, so results are pickled into the
user cache directory (``LIQAA_CACHE_DIR`` overrides it) under a key derived from the
inputs' sizes and modification times. A missing, stale or unreadable entry is rebuilt; a
read-only cache directory only costs speed.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    env = os.environ.get("LIQAA_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("liqaa"))


def fingerprint(*parts: object, files: list[Path] = ()) -> str:
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part).encode())
    for f in files:
        st = f.stat()
        h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _load_without_collections(fh):
    """Unpickle with the cyclic garbage collector paused: the tens of thousands of
    containers of a KB or gazetteer would otherwise trigger collection after collection
    over a growing heap (3x the load time); nothing unpickled is garbage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if enabled:
            gc.enable()


def cached(name: str, key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """The object cached as ``name-key``, or ``build()`` stored there."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            obj = _load_without_collections(fh)
        if kind is None or isinstance(obj, kind):
            return obj
    except Exception:  # noqa: BLE001 - a missing or broken entry is rebuilt below
        pass
    obj = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return obj
