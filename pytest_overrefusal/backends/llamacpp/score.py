"""First-token scoring on llama.cpp: the probability mass a prompt's first response token puts on given ids.

Prompts are evaluated many at a time: up to ``parallel`` prompts share one batch, each under its own
sequence id, with logits kept only for each prompt's last token, and the chat header all prompts share
is evaluated once and copied into every sequence (see benchmarks/logprob_speed.py). The model, its chat
template and its tokenizer come from a ``LlamaCppBackend`` (so prompts render exactly as they do for
generation); the scoring context is a further one on the same weights (context.py), with a unified KV
cache that the prompts of a batch share.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import BackendError
from .._options import OptionReader
from ..base import GenerationRequest
from .context import FLASH, ContextParams
from .options import OPTIONS, default_threads

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .backend import LlamaCppBackend

__all__ = ["LlamaCppScorer", "softmax_mass"]


def softmax_mass(logits: NDArray[np.float32], ids: Sequence[int]) -> float:
    """Softmax probability of ``ids``, computed stably from raw logits."""
    import numpy as np

    row = logits.astype(np.float64)
    top = float(row.max())
    total = float(np.exp(row - top).sum())
    picked = float(np.exp(row[list(ids)] - top).sum())
    return picked / total


@dataclass
class _Pending:
    index: int
    tokens: list[int]  # after the shared prefix
    fed: int = 0
    row: int = -1


class LlamaCppScorer:
    """First-token probabilities from a GGUF model, many prompts per ``llama_decode``."""

    def __init__(
        self,
        path: Path,
        reader_options: Mapping[str, str],
        *,
        backend_class: type[LlamaCppBackend],
        who: str = "logprob judge",
    ) -> None:
        # backend_class: the engine's backend (LlamaCppBackend), handed in by LlamaCppEngine so that this
        # module does not import the backend that declares it (an import cycle otherwise).
        # The backend's option names, so that one set of options serves the backend and the scorer;
        # the ones that only concern generation (batch_size, contexts, kv_unified) are ignored.
        self.who = who
        reader = OptionReader(f"{who} (llamacpp)", reader_options, OPTIONS)
        self.parallel = reader.integer("parallel", 16, minimum=1, maximum=256)
        n_ctx = reader.integer("n_ctx", 4096, minimum=64)
        self.n_batch = min(reader.integer("n_batch", 1024, minimum=16), n_ctx)
        flash_attn = reader.choice("flash_attn", "auto", tuple(FLASH))
        threads_batch = reader.integer("threads_batch", 0, minimum=0) or None
        # The generation context of the backend is not used: keep it as small as the backend allows.
        self.backend = backend_class(
            path,
            n_ctx=64,
            parallel=1,
            contexts=1,
            batch_size=1,
            n_batch=64,
            threads=reader.integer("threads", 0, minimum=0) or default_threads(),
            threads_batch=threads_batch,
            flash_attn=flash_attn,
            gpu_layers=reader.integer("gpu_layers", -1, minimum=-1),
            chat_template=reader.string("chat_template"),
            verbose=reader.boolean("verbose", False),
        )
        params = ContextParams(
            n_ctx=n_ctx,
            n_batch=self.n_batch,
            n_seq_max=self.parallel + 1,  # + the shared prefix
            threads=self.backend.threads,
            threads_batch=threads_batch,
            kv_unified=True,
            flash_attn=flash_attn,
        )
        try:
            # Loads the model; a failed load frees whatever it had allocated before raising.
            self._context = self.backend.new_context(
                params, error=f"{who}: cannot create a {n_ctx}-token llama.cpp context for {path}"
            )
        except BackendError:
            self.backend.close()
            raise
        self.n_ctx = self._context.n_ctx
        self._lock = threading.Lock()
        self._space_tokens = frozenset(self.backend.tokenize(" ", add_special=False))
        self._closed = False

    def fingerprint(self) -> str:
        return self.backend.fingerprint()

    def tokenize(self, text: str) -> list[int]:
        return self.backend.tokenize(text, add_special=False)

    def ignorable(self, token: int) -> bool:
        # A tokenizer may split a leading space off as a token of its own ("▁", "Ġ").
        return token in self._space_tokens

    def _decode(self, n: int) -> None:
        rc = self._context.decode(n)
        if rc != 0:
            raise BackendError(f"{self.who}: llama_decode failed with code {rc}")

    def refusal_mass(self, requests: Sequence[GenerationRequest], ids: Sequence[Sequence[int]]) -> list[float | str]:
        if self._closed:
            raise BackendError(f"{self.who}: model used after close()")
        out: list[float | str] = ["not scored"] * len(requests)
        prompts: list[tuple[int, list[int]]] = []
        for i, request in enumerate(requests):
            try:
                tokens = self.backend.prompt_tokens(request)
            except ValueError as exc:  # the chat template rejected the conversation
                out[i] = f"llamacpp: {exc}"
                continue
            if len(tokens) >= self.n_ctx:
                out[i] = (
                    f"prompt of {len(tokens)} tokens does not fit the scoring context of {self.n_ctx} tokens; "
                    "raise --overrefusal-judge-option backend.n_ctx=..."
                )
                continue
            prompts.append((i, tokens))
        if not prompts:
            return out
        context = self._context
        llama, memory = context.llama, context.memory
        with self._lock:
            context.clear()
            prefix = _common_prefix([t for _, t in prompts])
            prefix_seq = self.parallel
            for start in range(0, len(prefix), self.n_batch):
                n = 0
                for offset, token in enumerate(prefix[start : start + self.n_batch]):
                    n = context.add(n, token, start + offset, prefix_seq, False)
                self._decode(n)
            queue = [_Pending(i, t[len(prefix) :]) for i, t in prompts]
            queue.reverse()
            slots: list[_Pending | None] = [None] * self.parallel
            used = len(prefix)
            while queue or any(s is not None for s in slots):
                for slot, current in enumerate(slots):
                    if current is None and queue and used + len(queue[-1].tokens) <= self.n_ctx:
                        admitted = queue.pop()
                        slots[slot] = admitted
                        used += len(admitted.tokens)
                        if prefix:
                            llama.llama_memory_seq_cp(memory, prefix_seq, slot, -1, -1)
                n = 0
                for slot, feeding in enumerate(slots):
                    if feeding is None or n >= self.n_batch:
                        continue
                    take = min(len(feeding.tokens) - feeding.fed, self.n_batch - n)
                    for offset in range(take):
                        k = feeding.fed + offset
                        last = k == len(feeding.tokens) - 1
                        n = context.add(n, feeding.tokens[k], len(prefix) + k, slot, last)
                        if last:
                            feeding.row = n - 1
                    feeding.fed += take
                if n == 0:
                    raise BackendError(f"{self.who}: a prompt does not fit the scoring context")
                self._decode(n)
                for slot, done in enumerate(slots):
                    if done is None or done.row < 0:
                        continue
                    out[done.index] = softmax_mass(context.logits(done.row, self.backend.n_vocab), ids[done.index])
                    llama.llama_memory_seq_rm(memory, slot, -1, -1)
                    used -= len(done.tokens)
                    slots[slot] = None
            context.clear()
        return out

    def close(self) -> None:
        # The scoring context is freed with the backend's weights, before them (context.Weights).
        self._closed = True
        self.backend.close()


def _common_prefix(prompts: Sequence[list[int]]) -> list[int]:
    """The tokens every prompt starts with (the chat header), leaving each at least one of its own."""
    if len(prompts) < 2:
        return []
    first = prompts[0]
    limit = min(len(p) for p in prompts) - 1
    length = 0
    while length < limit and all(p[length] == first[length] for p in prompts):
        length += 1
    return first[:length] if length >= 4 else []
