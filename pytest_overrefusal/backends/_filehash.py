"""SHA-256 of model files, computed once per (path, size, mtime) and remembered across runs.

Fingerprints name the exact weights so that cached results never outlive a model file, but hashing a
multi-gigabyte model on every pytest start would cost more than the cached run saves. The digest is
kept in memory and in a small JSON file under the user cache directory keyed by the file's absolute
path, size and modification time: touching or replacing the file invalidates it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from pathlib import Path

__all__ = ["file_sha256", "hash_cache_path"]

_CHUNK = 1 << 20
_memory: dict[str, str] = {}
_lock = threading.Lock()


def hash_cache_path() -> Path:
    """Where digests persist: ``$OVERREFUSAL_HASH_CACHE`` or ``$XDG_CACHE_HOME/pytest-overrefusal``."""
    explicit = os.environ.get("OVERREFUSAL_HASH_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pytest-overrefusal" / "file-hashes.json"


def _key(path: Path) -> str:
    st = path.stat()
    return f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"


def _load_disk(cache: Path) -> dict[str, str]:
    try:
        data = json.loads(cache.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def _store_disk(cache: Path, key: str, digest: str) -> None:
    # The disk copy only saves time; a read-only home or a race with another process must not fail a run.
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        data = _load_disk(cache)
        live = {k: v for k, v in data.items() if Path(k.split("|", 1)[0]).exists()}
        live[key] = digest
        fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".file-hashes.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(live, handle, indent=0, sort_keys=True)
        os.replace(tmp, cache)
    except OSError:
        return


def file_sha256(path: str | Path) -> str:
    """The file's SHA-256 hex digest, reusing a previous computation while size and mtime are unchanged."""
    target = Path(path)
    key = _key(target)
    with _lock:
        cached = _memory.get(key)
        if cached is not None:
            return cached
        cache = hash_cache_path()
        on_disk = _load_disk(cache).get(key)
        if on_disk is not None:
            _memory[key] = on_disk
            return on_disk
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        result = digest.hexdigest()
        _memory[key] = result
        _store_disk(cache, key, result)
        return result
