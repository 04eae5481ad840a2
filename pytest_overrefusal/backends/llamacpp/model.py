"""Loading llama.cpp itself and reading a GGUF's vocabulary and chat template.

The bindings are imported (and their API version checked) here, llama.cpp's process-wide log is caught
here, and token pieces, token texts, tokenization and the chat template are read here; the backend
(``backend.py``), the scorer and the steerable model all go through these.
"""

from __future__ import annotations

import ctypes
import threading
from collections import deque
from pathlib import Path
from typing import Any

from ...errors import BackendError, ConfigError, MissingDependency
from .._chat_template import ChatTemplate, TemplateError

__all__ = [
    "Pieces",
    "import_llama_cpp",
    "install_log_sink",
    "last_log_error",
    "load_template",
    "read_template",
    "token_text",
    "tokenize",
]


# The per-sequence memory API and split KV streams this backend drives; older bindings name them
# differently (llama_kv_self_*, llama_kv_cache_*) or lack them.
_REQUIRED_API = ("llama_memory_seq_rm", "llama_memory_seq_cp", "llama_memory_clear", "llama_n_ctx_seq")


def import_llama_cpp() -> Any:
    try:
        import llama_cpp
    except ImportError:
        raise MissingDependency("the llamacpp backend", "llama-cpp-python", "llamacpp") from None
    missing = [name for name in _REQUIRED_API if not hasattr(llama_cpp, name)]
    fields = {field[0] for field in llama_cpp.llama_context_params._fields_}
    if "kv_unified" not in fields:
        missing.append("llama_context_params.kv_unified")
    if missing:
        version = getattr(llama_cpp, "__version__", "unknown")
        raise MissingDependency(
            f"the llamacpp backend (llama-cpp-python {version} lacks {', '.join(missing)})",
            "llama-cpp-python>=0.3.36",
            "llamacpp",
        )
    return llama_cpp


# llama.cpp logs through one process-wide callback. Keeping the recent lines lets a failed load say
# why (llama.cpp only returns NULL) without printing hundreds of info lines on every run.
_log_lines: deque[str] = deque(maxlen=50)
_log_verbose = False
_log_lock = threading.Lock()
_log_callback: Any = None


def install_log_sink(llama_cpp: Any, *, verbose: bool = False) -> None:
    global _log_callback, _log_verbose
    _log_verbose = verbose
    with _log_lock:
        if _log_callback is not None:
            return

        def sink(level: int, text: bytes, _user: Any) -> None:
            line = text.decode("utf-8", errors="replace")
            _log_lines.append(line)
            if _log_verbose:
                print(line, end="", flush=True)

        _log_callback = llama_cpp.llama_log_callback(sink)
        llama_cpp.llama_log_set(_log_callback, ctypes.c_void_p(0))
        llama_cpp.llama_backend_init()


def last_log_error() -> str:
    for line in reversed(_log_lines):
        text = line.strip()
        if text and ("error" in text.lower() or "failed" in text.lower()):
            return text
    return "see --overrefusal-model-option verbose=true for llama.cpp's log"


class Pieces:
    """Token ids to text bytes, cached; deliberately holds no reference to the backend (see close())."""

    def __init__(self, llama_cpp: Any, vocab: Any) -> None:
        self._llama = llama_cpp
        self._vocab = vocab
        self._cache: dict[int, bytes] = {}

    def is_end(self, token: int) -> bool:
        return bool(self._llama.llama_vocab_is_eog(self._vocab, token))

    def piece(self, token: int) -> bytes:
        cached = self._cache.get(token)
        if cached is None:
            buf = ctypes.create_string_buffer(64)
            n = self._llama.llama_token_to_piece(self._vocab, token, buf, 64, 0, False)
            if n < 0:
                buf = ctypes.create_string_buffer(-n)
                n = self._llama.llama_token_to_piece(self._vocab, token, buf, -n, 0, False)
            cached = buf.raw[: max(n, 0)]
            self._cache[token] = cached
        return cached


def read_template(path: str) -> str:
    try:
        return Path(path).read_text("utf-8")
    except OSError as exc:
        raise ConfigError(f"llamacpp backend: cannot read chat_template={path!r}: {exc.strerror}") from None


def token_text(llama_cpp: Any, vocab: Any, token: int) -> str:
    if token < 0:
        return ""
    raw = llama_cpp.llama_vocab_get_text(vocab, token)
    return raw.decode("utf-8", errors="replace") if raw else ""


def load_template(llama_cpp: Any, model: Any, vocab: Any, override: str | None, path: Path) -> ChatTemplate:
    """The chat template: ``override`` (an option's file contents) or the GGUF's own metadata."""
    if override is not None:
        source = override
    else:
        raw = llama_cpp.llama_model_chat_template(model, None)
        if not raw:
            raise BackendError(
                f"llamacpp backend: {path.name} has no chat template in its metadata; "
                "pass --overrefusal-model-option chat_template=TEMPLATE.jinja"
            )
        source = raw.decode("utf-8")
    bos = token_text(llama_cpp, vocab, llama_cpp.llama_vocab_bos(vocab))
    eos = token_text(llama_cpp, vocab, llama_cpp.llama_vocab_eos(vocab))
    try:
        return ChatTemplate(source, bos_token=bos, eos_token=eos)
    except TemplateError as exc:
        raise BackendError(f"llamacpp backend: {exc}") from None


def tokenize(llama_cpp: Any, vocab: Any, text: str, *, add_special: bool) -> list[int]:
    data = text.encode("utf-8")
    capacity = len(data) + 8
    buf = (llama_cpp.llama_token * capacity)()
    n = llama_cpp.llama_tokenize(vocab, data, len(data), buf, capacity, add_special, True)
    if n < 0:
        capacity = -n
        buf = (llama_cpp.llama_token * capacity)()
        n = llama_cpp.llama_tokenize(vocab, data, len(data), buf, capacity, add_special, True)
    if n < 0:
        raise BackendError(f"llamacpp backend: tokenization failed for a {len(data)}-byte prompt")
    return list(buf[:n])
