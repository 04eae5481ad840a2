"""Opening a steerable model from a spec: ``hf[:embedded|DIR|FILE.gguf]`` or ``llamacpp[:FILE.gguf]``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..backends._options import OptionReader
from ..errors import ConfigError
from ..registry import parse_spec
from .base import SteerableModel

__all__ = ["DEFAULT_STEERING_MODEL", "HF_OPTIONS", "LLAMACPP_OPTIONS", "open_model"]

DEFAULT_STEERING_MODEL = "hf:embedded"
HF_OPTIONS = ("batch_size", "device", "dtype", "threads")
LLAMACPP_OPTIONS = ("batch_size", "chat_template", "gpu_layers", "n_ctx", "threads", "verbose")


def _model_path(arg: str | None) -> Path:
    if arg is None or arg == "embedded":
        from ..backends.embedded import embedded_model_path

        return embedded_model_path()
    path = Path(arg).expanduser()
    if not path.exists():
        raise ConfigError(f"steering: model path {arg!r} not found")
    return path


def check_spec(spec: str, options: Mapping[str, str]) -> None:
    """Reject a bad spec, option or missing file up front, without importing any model library."""
    parsed = parse_spec(spec)
    allowed = {"hf": HF_OPTIONS, "llamacpp": LLAMACPP_OPTIONS}.get(parsed.name)
    if allowed is None:
        raise ConfigError(
            f"steering: unsupported model {spec!r}: steering needs a local model, hf[:embedded|DIR|FILE.gguf] "
            "or llamacpp[:FILE.gguf]"
        )
    OptionReader(f"steering model {parsed.name}", options, allowed)
    if parsed.arg is not None and parsed.arg != "embedded":
        _model_path(parsed.arg)


def open_model(spec: str, options: Mapping[str, str], cache_dir: Path | None) -> SteerableModel:
    """Load the model named by ``spec``; ``cache_dir`` keeps converted checkpoints (GGUF through transformers)."""
    parsed = parse_spec(spec)
    if parsed.name == "hf":
        reader = OptionReader("steering model hf", options, HF_OPTIONS)
        from ..backends.hf.steer import load_hf

        return load_hf(
            _model_path(parsed.arg),
            cache_dir=cache_dir,
            device=reader.string("device", "cpu") or "cpu",
            dtype=reader.string("dtype", "float32") or "float32",
            threads=reader.integer("threads", 0, minimum=0) or None,
            batch_size=reader.integer("batch_size", 8, minimum=1),
        )
    if parsed.name == "llamacpp":
        reader = OptionReader("steering model llamacpp", options, LLAMACPP_OPTIONS)
        from ..backends.llamacpp.steer import LlamaCppSteerableModel

        return LlamaCppSteerableModel(
            _model_path(parsed.arg),
            n_ctx=reader.integer("n_ctx", 2048, minimum=64),
            threads=reader.integer("threads", 0, minimum=0) or None,
            gpu_layers=reader.integer("gpu_layers", 0),
            chat_template=reader.string("chat_template"),
            verbose=reader.boolean("verbose", False),
            batch_size=reader.integer("batch_size", 8, minimum=1),
        )
    raise ConfigError(
        f"steering: unsupported model {spec!r}: steering needs a local model, hf[:embedded|DIR|FILE.gguf] "
        "or llamacpp[:FILE.gguf]"
    )
