"""On-disk cache of fitted refusal directions: a safetensors vector beside a JSON metadata file.

The cache key covers everything that determines the direction: the model fingerprint (weights file
hash, template), the hashes of the safe and unsafe prompt sets, the layer and position requested (or
the swept range) and the method version. The metadata repeats them, with the sweep's scores, so a
cached direction can be inspected with any JSON viewer and checked before it is trusted.

A cache entry that cannot be read (truncated file, foreign JSON) is a miss: the direction is fitted
again and the entry rewritten. The cache only ever saves time; it never changes a result.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import MissingDependency
from .direction import METHOD, RefusalDirection

__all__ = ["DirectionStore", "direction_key"]

FORMAT = "pytest-overrefusal-refusal-direction"


def direction_key(
    model: str,
    safe: str,
    unsafe: str,
    layers: list[int],
    positions: list[int],
    held_out: float,
    scoring: dict[str, Any] | None = None,
) -> str:
    """``scoring`` names the refusal-opener tokens when the direction carries calibrated refusal scores."""
    payload = {
        "scoring": scoring,
        "format": FORMAT,
        "method": METHOD,
        "model": model,
        "data": {"safe": safe, "unsafe": unsafe},
        "layers": layers,
        "positions": positions,
        "held_out": held_out,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _safetensors() -> Any:
    try:
        import safetensors.numpy
    except ImportError:
        raise MissingDependency("the refusal-direction cache", "safetensors", "hf") from None
    return safetensors.numpy


def _atomic_write(path: Path, write: Any) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class DirectionStore:
    """Directions under ``root`` (default ``.overrefusal-cache/steering``), one pair of files per key."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def paths(self, key: str) -> tuple[Path, Path]:
        stem = self.root / "directions" / key[:32]
        return stem.with_suffix(".safetensors"), stem.with_suffix(".json")

    def load(self, key: str, model: str) -> RefusalDirection | None:
        tensor_path, meta_path = self.paths(key)
        if not (tensor_path.is_file() and meta_path.is_file()):
            return None
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            if meta.get("format") != FORMAT or meta.get("key") != key or meta.get("model") != model:
                return None
            tensors = _safetensors().load_file(str(tensor_path))
            vector = np.asarray(tensors["direction"], dtype=np.float64)
            direction = RefusalDirection.from_metadata(meta, vector)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        except Exception as exc:  # safetensors raises its own SafetensorError on truncated files
            if type(exc).__name__ == "SafetensorError":
                return None
            raise
        if direction.digest() != meta.get("vector_sha256"):
            return None
        return direction

    def save(self, key: str, direction: RefusalDirection) -> tuple[Path, Path]:
        tensor_path, meta_path = self.paths(key)
        tensor_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "key": key, **direction.metadata()}
        st = _safetensors()
        vector = np.ascontiguousarray(direction.vector, dtype=np.float64)
        _atomic_write(
            tensor_path,
            lambda tmp: st.save_file(
                {"direction": vector},
                tmp,
                metadata={"layer": str(direction.layer), "position": str(direction.position), "key": key},
            ),
        )
        _atomic_write(meta_path, lambda tmp: Path(tmp).write_text(json.dumps(meta, indent=2) + "\n", "utf-8"))
        return tensor_path, meta_path
