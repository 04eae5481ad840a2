"""The one place that drives llama.cpp contexts: parameters, batches, decode, logits and free order.

Every user of the llama.cpp C API in this package (the generation decoders, first-token scoring,
activation reading and steering) creates its contexts through ``ContextParams`` and ``Context`` on
weights owned by a ``LlamaCppBackend``. The backend frees every context made on its weights before
the weights themselves (``Weights.free``): llama.cpp crashes on a context that outlives its model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...errors import BackendError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["FLASH", "Context", "ContextParams", "Weights"]

# "auto" turns flash attention on where the device supports it (always on CPU). With it, each query row's
# attention is computed the same way whatever else is in the batch, so logits are bit-identical batched or
# alone; without it, the KQ matmul's kernel depends on the batch's shape and logits moved by up to 0.9.
FLASH = {"auto": -1, "off": 0, "on": 1}


@dataclass(frozen=True)
class ContextParams:
    """What a context is created with; ``n_ubatch`` defaults to ``n_batch``."""

    n_ctx: int
    n_batch: int
    n_seq_max: int = 1
    threads: int = 1
    threads_batch: int | None = None
    kv_unified: bool = False
    flash_attn: str | None = "auto"  # None: llama.cpp's default
    n_ubatch: int | None = None
    cb_eval: Any = None  # a ggml_backend_sched_eval_callback, kept alive by the caller

    def native(self, llama: Any) -> Any:
        cparams = llama.llama_context_default_params()
        cparams.n_ctx = self.n_ctx
        cparams.n_batch = self.n_batch
        cparams.n_ubatch = self.n_ubatch or self.n_batch
        cparams.n_seq_max = self.n_seq_max
        cparams.kv_unified = self.kv_unified
        cparams.n_threads = self.threads
        cparams.n_threads_batch = self.threads_batch or self.threads
        if self.flash_attn is not None:
            cparams.flash_attn_type = FLASH[self.flash_attn]
        cparams.no_perf = True
        if self.cb_eval is not None:
            cparams.cb_eval = self.cb_eval
            cparams.cb_eval_user_data = None
        return cparams


class Context:
    """One ``llama_context`` on shared weights with one ``llama_batch`` of ``batch_tokens`` tokens."""

    def __init__(self, llama: Any, ctx: Any, batch_tokens: int) -> None:
        self.llama = llama
        self.ctx = ctx
        self.memory = llama.llama_get_memory(ctx)
        self.batch = llama.llama_batch_init(batch_tokens, 0, 1)
        self.n_ctx = int(llama.llama_n_ctx(ctx))
        self._freed = False

    def add(self, n: int, token: int, pos: int, seq_id: int, logits: bool) -> int:
        """Put one token at row ``n`` of the batch; returns the next free row."""
        batch = self.batch
        batch.token[n] = token
        batch.pos[n] = pos
        batch.n_seq_id[n] = 1
        batch.seq_id[n][0] = seq_id
        batch.logits[n] = 1 if logits else 0
        return n + 1

    def decode(self, n: int) -> int:
        """Evaluate the first ``n`` rows of the batch; llama.cpp's return code (0 is success)."""
        self.batch.n_tokens = n
        return int(self.llama.llama_decode(self.ctx, self.batch))

    def logits(self, row: int, n_vocab: int) -> NDArray[np.float32]:
        """The logits of batch row ``row`` (``-1``: the last), a view valid until the next decode."""
        import numpy as np

        pointer = self.llama.llama_get_logits_ith(self.ctx, row)
        return np.ctypeslib.as_array(pointer, shape=(n_vocab,))

    def clear(self) -> None:
        self.llama.llama_memory_clear(self.memory, True)

    def free(self) -> None:
        if not self._freed:
            self._freed = True
            self.llama.llama_batch_free(self.batch)
            self.llama.llama_free(self.ctx)


class Weights:
    """A loaded ``llama_model`` and every context made on it, freed contexts first."""

    def __init__(self, llama: Any, model: Any) -> None:
        self.llama = llama
        self.model = model
        self._contexts: list[Context] = []
        self._lock = threading.Lock()

    def new_context(
        self, params: ContextParams, *, batch_tokens: int | None = None, error: str | Callable[[], str]
    ) -> Context:
        """A context on these weights; ``error`` is the message (or makes it) when llama.cpp cannot create it."""
        ctx = self.llama.llama_init_from_model(self.model, params.native(self.llama))
        if not ctx:
            raise BackendError(error if isinstance(error, str) else error())
        context = Context(self.llama, ctx, batch_tokens or params.n_batch)
        with self._lock:
            self._contexts.append(context)
        return context

    def free(self) -> None:
        # Contexts before the weights they share: the only free order llama.cpp survives.
        with self._lock:
            contexts, self._contexts = self._contexts, []
        for context in contexts:
            context.free()
        if self.model is not None:
            self.llama.llama_model_free(self.model)
            self.model = None
