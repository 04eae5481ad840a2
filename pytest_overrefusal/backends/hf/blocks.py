"""Where a transformers model keeps its decoder blocks: used by residual-stream steering (``steer.py``)
and attention steering (``attention.py``), which would otherwise import each other."""

from __future__ import annotations

from typing import Any

from ...errors import ConfigError

__all__ = ["decoder_blocks"]

_BLOCK_PATHS = ("model.layers", "model.model.layers", "transformer.h", "gpt_neox.layers", "model.decoder.layers")


def decoder_blocks(model: Any) -> Any:
    """The model's list of decoder blocks (a ``torch.nn.ModuleList``)."""
    for path in _BLOCK_PATHS:
        node = model
        for attr in path.split("."):
            node = getattr(node, attr, None)
            if node is None:
                break
        if node is not None and hasattr(node, "__len__") and len(node) > 0:
            return node
    raise ConfigError(
        f"steering: cannot find the decoder blocks of {type(model).__name__} (looked for {', '.join(_BLOCK_PATHS)})"
    )
