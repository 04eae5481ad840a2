"""An on-disk, content-addressed store of generations, safe to share between xdist workers.

A key hashes the backend fingerprint (model file hash or server URL and model name, chat template)
with the request digest (system prompt, messages, generation settings). Each entry is one JSON file
written atomically (temp file + ``os.replace``) and carries a checksum of its payload: an entry that
does not parse or whose checksum does not match is deleted and regenerated, never trusted.

Workers that would generate the same prompt at the same time coordinate through claim files
(``O_CREAT | O_EXCL``): the loser waits for the winner's entry instead of generating a second,
possibly different, response (batched decoding is not bit-identical across batch compositions).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .backends.base import Generation, GenerationRequest
from .judges.base import JudgeInput
from .results import Judgement

__all__ = ["GenerationCache", "cache_key", "verdict_key"]

_FORMAT = 1


def cache_key(backend_fingerprint: str, request: GenerationRequest) -> str:
    raw = f"v{_FORMAT}\n{backend_fingerprint}\n{request.digest()}".encode()
    return hashlib.sha256(raw).hexdigest()


def verdict_key(judge_fingerprint: str, judge_input: JudgeInput) -> str:
    payload = {
        "judge": judge_fingerprint,
        "messages": [m.to_dict() for m in judge_input.messages],
        "system_prompt": judge_input.system_prompt,
        "response": judge_input.response,
        "language": judge_input.language,
    }
    raw = f"verdict-v{_FORMAT}\n" + json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def _checksum(payload: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class GenerationCache:
    """Generations by key under ``root``; ``corrupt`` counts entries found damaged and discarded."""

    def __init__(self, root: str | Path, *, claim_timeout: float = 600.0) -> None:
        self.root = Path(root)
        self.claim_timeout = claim_timeout
        self.corrupt = 0
        self.hits = 0
        self.writes = 0

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def _claim_path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.claim"

    def _read(self, key: str) -> dict[str, object] | None:
        """The payload stored under ``key``; damaged entries are deleted and counted, never returned."""
        path = self._path(key)
        try:
            raw = path.read_text(encoding="utf-8")
        except OSError:
            return None
        try:
            entry = json.loads(raw)
            payload = entry["payload"]
            if entry.get("format") != _FORMAT or entry.get("key") != key or entry.get("sha256") != _checksum(payload):
                raise ValueError("checksum mismatch")
            if not isinstance(payload, dict):
                raise TypeError("payload is not an object")
        except (ValueError, KeyError, TypeError):
            self._discard(path)
            return None
        return payload

    def _discard(self, path: Path) -> None:
        self.corrupt += 1
        path.unlink(missing_ok=True)

    def _write(self, key: str, payload: dict[str, object]) -> None:
        entry = {"format": _FORMAT, "key": key, "sha256": _checksum(payload), "payload": payload}
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entry, handle, ensure_ascii=False)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.writes += 1

    def get(self, key: str) -> Generation | None:
        payload = self._read(key)
        if payload is None:
            return None
        try:
            generation = Generation.from_dict(payload, cached=True)
            if generation.error is not None:
                raise ValueError("errors are never cached")
        except (ValueError, KeyError, TypeError):
            self._discard(self._path(key))
            return None
        self.hits += 1
        return generation

    def put(self, key: str, generation: Generation) -> None:
        """Store a successful generation; errors are not cached so that a re-run retries them."""
        if generation.error is not None:
            return
        self._write(key, dict(generation.to_dict()))

    def get_verdict(self, key: str) -> Judgement | None:
        payload = self._read(key)
        if payload is None:
            return None
        try:
            judgement = Judgement.from_dict(payload)
        except (ValueError, KeyError, TypeError):
            self._discard(self._path(key))
            return None
        self.hits += 1
        return judgement

    def put_verdict(self, key: str, judgement: Judgement) -> None:
        self._write(key, judgement.to_dict())

    def claim(self, keys: Iterable[str]) -> tuple[list[str], list[str]]:
        """Split ``keys`` into those this process now owns and those another live process is generating."""
        mine: list[str] = []
        theirs: list[str] = []
        for key in keys:
            claim = self._claim_path(key)
            claim.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._stale(claim):
                    claim.unlink(missing_ok=True)
                    mine.append(key)
                else:
                    theirs.append(key)
                continue
            with os.fdopen(fd, "w") as handle:
                handle.write(str(os.getpid()))
            mine.append(key)
        return mine, theirs

    def release(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._claim_path(key).unlink(missing_ok=True)

    def _stale(self, claim: Path) -> bool:
        try:
            pid = int(claim.read_text() or "0")
            age = time.time() - claim.stat().st_mtime
        except (OSError, ValueError):
            return True
        if pid == os.getpid() or age > self.claim_timeout:
            return True
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False

    def wait(self, keys: Iterable[str], poll: float = 0.05) -> dict[str, Generation]:
        """Wait for other processes' claimed entries; keys whose claim vanished without an entry are left out."""
        pending = set(keys)
        found: dict[str, Generation] = {}
        deadline = time.monotonic() + self.claim_timeout
        while pending and time.monotonic() < deadline:
            for key in list(pending):
                generation = self.get(key)
                if generation is not None:
                    found[key] = generation
                    pending.discard(key)
                elif not self._claim_path(key).exists() or self._stale(self._claim_path(key)):
                    pending.discard(key)
            if pending:
                time.sleep(poll)
        return found
