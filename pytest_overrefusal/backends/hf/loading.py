"""Loading a transformers model for steering: a model directory, or a GGUF de-quantized once to a cache.

This is a second loader beside the ``hf`` backend's (``backend.py``): it loads in float32 on CPU by
default, converts a GGUF to a cached safetensors checkpoint instead of re-reading it every time, and
fingerprints the files it read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ...errors import BackendError, ConfigError
from .steer import HFSteerableModel, import_torch, import_transformers

__all__ = ["load_hf"]


# -- loading ---------------------------------------------------------------------------------------


def _convert_gguf(gguf: Path, target: Path, dtype: Any) -> None:
    """De-quantize a GGUF into a transformers checkpoint once; later loads read safetensors in seconds."""
    import tempfile

    transformers = import_transformers()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
        model = transformers.AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=dtype)
    except Exception as exc:  # transformers raises many types for unsupported architectures
        raise BackendError(f"steering: transformers cannot load {gguf}: {exc}") from None
    from safetensors.torch import save_model

    work = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    # save_pretrained refuses models loaded from GGUF; the de-quantized weights are plain tensors, so
    # they are written directly (save_model handles tied embeddings) with a config that no longer
    # mentions the GGUF quantization.
    config = model.config
    if hasattr(config, "quantization_config"):
        delattr(config, "quantization_config")
    config.save_pretrained(work)
    save_model(model, str(work / "model.safetensors"), metadata={"format": "pt"})
    tokenizer.save_pretrained(work)
    try:
        work.rename(target)
    except OSError:  # another process converted it first
        import shutil

        shutil.rmtree(work, ignore_errors=True)


def load_hf(
    path: Path,
    *,
    cache_dir: Path | None,
    device: str = "cpu",
    dtype: str = "float32",
    threads: int | None = None,
    batch_size: int = 8,
) -> HFSteerableModel:
    """A model directory, or a GGUF file (converted to a cached transformers checkpoint on first use)."""
    torch = import_torch()
    transformers = import_transformers()
    from .._filehash import file_sha256

    torch_dtype = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}.get(dtype)
    if torch_dtype is None:
        raise ConfigError(f"steering: dtype={dtype!r} must be float32, bfloat16 or float16")
    if threads is not None:
        torch.set_num_threads(threads)
    if path.is_file() and path.suffix == ".gguf":
        sha = file_sha256(path)
        fingerprint = f"hf:gguf-sha256={sha}|dtype={dtype}"
        directory = None
        if cache_dir is not None:
            directory = cache_dir / "models" / f"{path.stem}-{sha[:16]}-{dtype}"
            if not (directory / "config.json").is_file():
                _convert_gguf(path, directory, torch_dtype)
        if directory is None:
            tokenizer = transformers.AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
            model = transformers.AutoModelForCausalLM.from_pretrained(
                str(path.parent), gguf_file=path.name, dtype=torch_dtype
            )
            return HFSteerableModel(
                model.to(device), tokenizer, source=str(path), fingerprint=fingerprint, batch_size=batch_size
            )
        path_to_load = directory
    elif path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".safetensors", ".bin", ".json", ".jinja"))
        digest = hashlib.sha256()
        for p in files:
            digest.update(f"{p.name}:{file_sha256(p)}\n".encode())
        fingerprint = f"hf:dir-sha256={digest.hexdigest()}|dtype={dtype}"
        path_to_load = path
    else:
        raise ConfigError(f"steering: hf model {str(path)!r} is neither a model directory nor a .gguf file")
    try:
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(path_to_load), local_files_only=True)
        model = transformers.AutoModelForCausalLM.from_pretrained(
            str(path_to_load), dtype=torch_dtype, local_files_only=True
        )
    except Exception as exc:  # transformers raises OSError, ValueError, KeyError... for unusable checkpoints
        raise BackendError(f"steering: transformers cannot load {path_to_load}: {exc}") from None
    return HFSteerableModel(
        model.to(device), tokenizer, source=str(path), fingerprint=fingerprint, batch_size=batch_size
    )
