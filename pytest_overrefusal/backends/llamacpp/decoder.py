"""Continuous multi-sequence decoding in one llama.cpp context (used by the llamacpp backend).

A ``Decoder`` owns one ``llama_context`` with ``parallel`` sequence slots and one extra sequence that
holds the prompt prefix shared by every job. Each step builds one ``llama_batch`` with the next token
of every running sequence and as many prompt tokens of newly admitted ones as fit, calls
``llama_decode`` once, and samples each sequence that produced logits. A finished sequence frees its
slot (and its KV cells) for the next job in the shared queue at once.

Several decoders may pull from the same queue in parallel threads: ``llama_decode`` is a ctypes call
and releases the GIL, and single-threaded contexts never wait on each other at ggml's spin barriers.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...errors import BackendError
from .._early_stop import should_stop
from ..base import Generation, GenerationSettings, Progress, StopCheck
from .context import Context

__all__ = ["Decoder", "Job", "shared_prefix"]

MIN_SHARED_PREFIX = 4

_DECODE_ERRORS = {
    1: "no free KV cache slot: lower parallel or raise n_ctx",
    2: "aborted",
    -1: "invalid batch",
}


@dataclass
class Job:
    """One prompt being decoded: its tokens, settings, sampler and progress."""

    index: int
    prompt: list[int]
    settings: GenerationSettings
    sample: Callable[[Any], int]
    fed: int = 0  # prompt tokens already in the KV cache
    pos: int = 0
    pending: int | None = None  # sampled token not yet decoded
    out: list[int] = field(default_factory=list)
    raw: bytearray = field(default_factory=bytearray)
    logit_row: int = -1
    check: StopCheck | None = None  # early stopping: the runner's judge says the verdict is settled
    finish: str = "length"

    @property
    def reserve(self) -> int:
        return len(self.prompt) + self.settings.max_new_tokens

    def stop_index(self) -> int | None:
        text = self.raw.decode("utf-8", errors="ignore")
        found = [i for i in (text.find(s) for s in self.settings.stop if s) if i >= 0]
        return min(found) if found else None

    def result(self) -> Generation:
        text = self.raw.decode("utf-8", errors="replace")
        if self.settings.stop:
            cut = self.stop_index()
            if cut is not None:
                text = self.raw.decode("utf-8", errors="ignore")[:cut]
        return Generation(text=text, tokens=len(self.out), finish=self.finish)


def shared_prefix(jobs: deque[Job] | list[Job], limit: int) -> list[int]:
    """The token prefix every job starts with (chat header, system prompt), when long enough to share."""
    if len(jobs) < 2:
        return []
    first = jobs[0].prompt
    # Each job keeps at least its last prompt token to decode: that is what yields its first logits.
    bound = min(min(len(job.prompt) for job in jobs) - 1, limit)
    length = 0
    while length < bound and all(job.prompt[length] == first[length] for job in jobs):
        length += 1
    return first[:length] if length >= MIN_SHARED_PREFIX else []


class Decoder:
    """One llama.cpp context decoding up to ``parallel`` jobs at a time."""

    def __init__(
        self,
        context: Context,
        *,
        parallel: int,
        n_batch: int,
        n_vocab: int,
        capacity: int,
        unified: bool,
        is_end: Callable[[int], bool],
        piece: Callable[[int], bytes],
    ) -> None:
        # The context (and its batch and free order) belongs to context.py; this class only decodes.
        self._context = context
        self._llama = context.llama
        self.ctx = context.ctx
        self._memory = context.memory
        self._batch = context.batch
        self.parallel = parallel
        self.prefix_seq = parallel
        self.n_batch = n_batch
        self.n_vocab = n_vocab
        self.capacity = capacity
        self.unified = unified
        self._is_end = is_end
        self._piece = piece

    def free(self) -> None:
        self._context.free()

    def _decode(self, n: int) -> None:
        rc = self._context.decode(n)
        if rc != 0:
            reason = _DECODE_ERRORS.get(rc, "fatal error")
            raise BackendError(f"llamacpp backend: llama_decode failed with code {rc} ({reason})")

    def _add(self, n: int, token: int, pos: int, seq_id: int, logits: bool) -> int:
        return self._context.add(n, token, pos, seq_id, logits)

    def _prefill(self, prefix: list[int]) -> None:
        for start in range(0, len(prefix), self.n_batch):
            n = 0
            for offset, token in enumerate(prefix[start : start + self.n_batch]):
                n = self._add(n, token, start + offset, self.prefix_seq, False)
            self._decode(n)

    def _take(self, queue: deque[Job], lock: threading.Lock, reserved: int) -> Job | None:
        with lock:
            if not queue:
                return None
            # A shared (unified) KV cache must hold every admitted job's prompt and answer at once.
            if self.unified and reserved + queue[0].reserve > self.capacity:
                return None
            return queue.popleft()

    def run(
        self,
        queue: deque[Job],
        results: list[Generation | None],
        lock: threading.Lock,
        prefix: list[int],
        progress: Progress | None = None,
    ) -> None:
        """Decode jobs from ``queue`` until it is empty, writing each job's result at its index."""
        import numpy as np

        llama = self._llama
        memory = self._memory
        llama.llama_memory_clear(memory, True)
        slots: list[Job | None] = [None] * self.parallel
        reserved = 0
        # The shared prefix is decoded once into its own sequence and copied into each slot on
        # admission: a KV copy instead of re-running the chat header for every prompt.
        if prefix:
            self._prefill(prefix)
        try:
            while True:
                for slot, current in enumerate(slots):
                    if current is None:
                        admitted = self._take(queue, lock, reserved)
                        if admitted is None:
                            break
                        slots[slot] = admitted
                        reserved += admitted.reserve
                        llama.llama_memory_seq_rm(memory, slot, -1, -1)
                        if prefix:
                            llama.llama_memory_seq_cp(memory, self.prefix_seq, slot, -1, -1)
                            admitted.fed = admitted.pos = len(prefix)
                if all(job is None for job in slots):
                    return
                self._decode(self._fill(slots))
                for slot, running in enumerate(slots):
                    if running is None or running.logit_row < 0:
                        continue
                    ptr = llama.llama_get_logits_ith(self.ctx, running.logit_row)
                    running.logit_row = -1
                    token = running.sample(np.ctypeslib.as_array(ptr, shape=(self.n_vocab,)))
                    if self._advance(running, token):
                        results[running.index] = running.result()
                        if progress is not None:
                            progress(1)
                        reserved -= running.reserve
                        slots[slot] = None
        finally:
            llama.llama_memory_clear(memory, True)

    def _fill(self, slots: list[Job | None]) -> int:
        """Put the next tokens of every slot into the batch; returns how many."""
        n = 0
        # Running sequences first, one token each, so that a long prompt never stalls them.
        for slot, job in enumerate(slots):
            if job is not None and job.pending is not None:
                n = self._add(n, job.pending, job.pos, slot, True)
                job.logit_row = n - 1
                job.pos += 1
                job.pending = None
        for slot, job in enumerate(slots):
            if job is None or job.fed >= len(job.prompt) or n >= self.n_batch:
                continue
            take = min(len(job.prompt) - job.fed, self.n_batch - n)
            for offset in range(take):
                last = job.fed + offset == len(job.prompt) - 1
                n = self._add(n, job.prompt[job.fed + offset], job.pos, slot, last)
                job.pos += 1
                if last:
                    job.logit_row = n - 1
            job.fed += take
        return n

    def _advance(self, job: Job, token: int) -> bool:
        """Record a sampled token; True when the job is complete."""
        if self._is_end(token):
            job.finish = "stop"
            return True
        job.out.append(token)
        job.raw.extend(self._piece(token))
        if job.settings.stop and job.stop_index() is not None:
            job.finish = "stop"
            return True
        if len(job.out) >= job.settings.max_new_tokens:
            return True
        if should_stop(job.check, job.raw, len(job.out)):
            job.finish = "settled"  # frees the slot for the next prompt at once
            return True
        job.pending = token
        return False
