"""``llamacpp[:PATH.gguf]``: a GGUF model decoded in-process by llama.cpp, many prompts at once.

Without a path this is the embedded SmolLM2-135M-Instruct. Prompts are rendered with the GGUF's own
chat template and decoded together through llama.cpp's multi-sequence batch API (see
``decoder``): up to ``parallel`` sequences share one context, each under its own sequence
id, with continuous batching. ``contexts`` > 1 runs several such contexts over the same weights in
parallel threads, each with its own ``threads``.

Sampling happens here, not in llama.cpp's sampler chain: greedy is an argmax over the sequence's
logits, and ``temperature > 0`` draws from a generator seeded by the run seed and the request's own
digest, so a sampled answer does not depend on which other prompts shared its batch.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
import weakref
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import BackendError, ConfigError, MissingDependency, OverrefusalError
from .._chat_template import ChatTemplate, TemplateError
from .._early_stop import check_for
from .._filehash import file_sha256
from .._options import OptionReader
from .._resources import available_memory, cpu_share, llama_kv_bytes, plan_llamacpp, xdist_workers
from ..base import Generation, GenerationRequest, Progress, StopCheck
from ..embedded import embedded_model_path
from .context import FLASH, Context, ContextParams, Weights
from .decoder import Decoder, Job, shared_prefix
from .engine import LlamaCppEngine
from .model import (
    Pieces,
    import_llama_cpp,
    install_log_sink,
    last_log_error,
    load_template,
    read_template,
    token_text,
    tokenize,
)
from .options import OPTIONS

__all__ = ["OPTIONS", "LlamaCppBackend", "create"]

# Flash attention choices (see context.FLASH for why "auto" is the default).
_FLASH = FLASH


@dataclass(frozen=True)
class _Loaded:
    """What loading the model gives: handles, tokenizer facts and the chat template."""

    llama: Any
    model: Any
    vocab: Any
    n_vocab: int
    pieces: Pieces
    decoders: list[Decoder]
    weights: Weights
    finalizer: weakref.finalize[Any, Any]
    n_ctx_seq: int
    template: ChatTemplate
    bos_text: str
    add_bos: bool


class LlamaCppBackend(LlamaCppEngine):
    """A GGUF model in llama.cpp, decoding up to ``parallel`` prompts per step."""

    name = "llamacpp"
    can_sample = True  # temperature > 0 draws from a generator seeded by the seed and the request (sample included)

    def __init__(
        self,
        model_path: str | Path,
        *,
        n_ctx: int = 1024,
        parallel: int = 16,
        contexts: int | None = None,
        batch_size: int | None = None,
        n_batch: int = 512,
        threads: int | None = None,
        threads_batch: int | None = None,
        kv_unified: bool = False,
        flash_attn: str = "auto",
        gpu_layers: int = -1,
        chat_template: str | None = None,
        verbose: bool = False,
    ) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise MissingDependency("the llamacpp backend", "llama-cpp-python", "llamacpp")
        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise ConfigError(f"llamacpp backend: model file {str(self.model_path)!r} not found")
        self.parallel = parallel
        # Contexts and threads left to us are planned from the CPUs now and capped by memory once the
        # model is loaded (its KV cache size is known then); see _resources.plan_llamacpp.
        self._asked = (contexts, threads)
        self.plan = plan_llamacpp(cpu_share(), contexts=contexts, threads=threads)
        self.contexts = self.plan.contexts
        self.threads = self.plan.threads
        # Several batches' worth per call keeps slots busy while the longest answers finish.
        self.batch_size = batch_size or 4 * parallel * self.contexts
        self.n_batch = n_batch
        self.n_ctx = n_ctx
        self.kv_unified = kv_unified
        self.flash_attn = flash_attn
        self._threads_batch = threads_batch
        self._gpu_layers = gpu_layers
        self._verbose = verbose
        # An overriding template is read now, so that a missing file is reported before any work.
        self._template_source = None if chat_template is None else read_template(chat_template)
        self._fingerprint: str | None = None
        # The model is loaded on first use, not here: the fingerprint needs only the file's hash, so a
        # re-run served from the cache never loads it. A failed load is remembered and re-raised.
        self._load_lock = threading.Lock()
        self._load_error: OverrefusalError | None = None
        self._closed = False
        self._state: _Loaded | None = None

    def _loaded(self) -> _Loaded:
        state = self._state
        if state is not None:
            return state
        with self._load_lock:
            if self._closed:
                raise BackendError("llamacpp backend: used after close()")
            if self._load_error is not None:
                raise self._load_error
            if self._state is None:
                try:
                    self._state = self._load()
                except OverrefusalError as exc:
                    self._load_error = exc
                    raise
            return self._state

    def _load(self) -> _Loaded:
        llama_cpp = import_llama_cpp()
        install_log_sink(llama_cpp, verbose=self._verbose)
        mparams = llama_cpp.llama_model_default_params()
        mparams.n_gpu_layers = self._gpu_layers
        model = llama_cpp.llama_model_load_from_file(str(self.model_path).encode(), mparams)
        if not model:
            raise BackendError(f"llamacpp backend: cannot load {self.model_path}: {last_log_error()}")
        vocab = llama_cpp.llama_model_get_vocab(model)
        n_vocab = int(llama_cpp.llama_vocab_n_tokens(vocab))
        pieces = Pieces(llama_cpp, vocab)
        decoders: list[Decoder] = []
        weights = Weights(llama_cpp, model)
        finalizer = weakref.finalize(self, weights.free)
        try:
            if self._asked[0] is None:
                self._cap_contexts_by_memory(llama_cpp, model)
            for _ in range(self.contexts):
                decoders.append(self._new_decoder(llama_cpp, weights, n_vocab, pieces))
            template = self._load_template(llama_cpp, model, vocab)
        except BaseException:
            finalizer()
            raise
        return _Loaded(
            llama=llama_cpp,
            model=model,
            vocab=vocab,
            n_vocab=n_vocab,
            pieces=pieces,
            decoders=decoders,
            weights=weights,
            finalizer=finalizer,
            # A split KV cache gives every sequence a fixed share of the context; a unified one lets a
            # sequence use it all, and admission then keeps the running total within it.
            n_ctx_seq=decoders[0].capacity,
            template=template,
            bos_text=token_text(llama_cpp, vocab, llama_cpp.llama_vocab_bos(vocab)),
            add_bos=bool(llama_cpp.llama_vocab_get_add_bos(vocab)),
        )

    def _cap_contexts_by_memory(self, llama_cpp: Any, model: Any) -> None:
        kv = llama_kv_bytes(llama_cpp, model, self.n_ctx * (self.parallel + 1))
        plan = plan_llamacpp(
            cpu_share(),
            threads=self._asked[1],
            kv_bytes_per_context=kv,
            memory=available_memory(),
            workers=xdist_workers(),
        )
        if plan.contexts < self.contexts:
            self.plan, self.contexts, self.threads = plan, plan.contexts, plan.threads

    def _new_decoder(self, llama_cpp: Any, weights: Weights, n_vocab: int, pieces: Pieces) -> Decoder:
        n_ctx = self.n_ctx
        params = ContextParams(
            # One sequence more than there are slots holds the prompts' shared prefix.
            n_ctx=n_ctx * (self.parallel + 1),
            n_batch=self.n_batch,
            n_seq_max=self.parallel + 1,
            threads=self.threads,
            threads_batch=self._threads_batch,
            kv_unified=self.kv_unified,
            flash_attn=self.flash_attn,
        )
        context = weights.new_context(
            params,
            error=lambda: (
                f"llamacpp backend: cannot create a context of {n_ctx}x{self.parallel + 1} tokens for "
                f"{self.model_path}: {last_log_error()}"
            ),
        )
        capacity = n_ctx * self.parallel if self.kv_unified else int(llama_cpp.llama_n_ctx_seq(context.ctx))
        return Decoder(
            context,
            parallel=self.parallel,
            n_batch=self.n_batch,
            n_vocab=n_vocab,
            capacity=capacity,
            unified=self.kv_unified,
            is_end=pieces.is_end,
            piece=pieces.piece,
        )

    # -- the loaded model (each of these loads it on first use) ------------------------------------

    @property
    def bindings(self) -> Any:
        """The ``llama_cpp`` module, for this package's scoring and steering code (and benchmarks)."""
        return self._loaded().llama

    @property
    def model_handle(self) -> Any:
        """The ``llama_model *`` the contexts share (model metadata: layers, embedding width)."""
        return self._loaded().model

    def new_context(self, params: ContextParams, *, batch_tokens: int | None = None, error: str) -> Context:
        """A further context on this backend's weights, freed with them (before them) at close()."""
        return self._loaded().weights.new_context(params, batch_tokens=batch_tokens, error=error)

    @property
    def context_handles(self) -> list[Any]:
        """The ``llama_context *`` of every decoder, e.g. to apply a control vector before ``generate``."""
        return [decoder.ctx for decoder in self._loaded().decoders]

    @property
    def n_vocab(self) -> int:
        return self._loaded().n_vocab

    @property
    def n_ctx_seq(self) -> int:
        """Tokens one sequence may hold (prompt and answer)."""
        return self._loaded().n_ctx_seq

    @property
    def template(self) -> ChatTemplate:
        return self._loaded().template

    # -- model metadata ---------------------------------------------------------------------------

    def _load_template(self, llama_cpp: Any, model: Any, vocab: Any) -> ChatTemplate:
        return load_template(llama_cpp, model, vocab, self._template_source, self.model_path)

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            parts = [f"llamacpp:sha256={file_sha256(self.model_path)}"]
            if self._template_source is not None:
                digest = hashlib.sha256(self._template_source.encode()).hexdigest()
                parts.append(f"template={digest[:16]}")
            # Both change the order of floating-point sums, hence near-tie greedy choices: keep their caches apart.
            if self.kv_unified:
                parts.append("kv=unified")
            if self.flash_attn != "auto":
                parts.append(f"flash_attn={self.flash_attn}")
            self._fingerprint = "|".join(parts)
        return self._fingerprint

    # -- tokens -----------------------------------------------------------------------------------

    def tokenize(self, text: str, *, add_special: bool) -> list[int]:
        state = self._loaded()
        return tokenize(state.llama, state.vocab, text, add_special=add_special)

    def prompt_tokens(self, request: GenerationRequest) -> list[int]:
        """The rendered chat as token ids, exactly as they are fed to the model."""
        state = self._loaded()
        text = state.template.render(request.chat())
        # Templates that write the BOS token themselves must not get a second one from the tokenizer.
        add_bos = state.add_bos and not (state.bos_text and text.startswith(state.bos_text))
        return self.tokenize(text, add_special=add_bos)

    # -- sampling ---------------------------------------------------------------------------------

    def _sampler(self, request: GenerationRequest) -> Callable[[Any], int]:
        import numpy as np

        temperature = request.settings.temperature
        if temperature <= 0:
            return lambda logits: int(np.argmax(logits))
        entropy = [request.settings.seed & 0xFFFFFFFF, int(request.digest()[:16], 16)]
        rng = np.random.default_rng(np.random.SeedSequence(entropy))

        def sample(logits: Any) -> int:
            scaled = logits.astype(np.float64) / temperature
            scaled -= scaled.max()
            weights = np.exp(scaled)
            cumulative = np.cumsum(weights)
            return int(np.searchsorted(cumulative, rng.random() * cumulative[-1], side="right"))

        return sample

    # -- decoding ---------------------------------------------------------------------------------

    reports_progress = True
    stops_early = True

    def generate(
        self,
        requests: Sequence[GenerationRequest],
        *,
        progress: Progress | None = None,
        settled: Sequence[StopCheck | None] | None = None,
    ) -> list[Generation]:
        if self._closed:
            raise BackendError("llamacpp backend: generate() called after close()")
        state = self._loaded()
        results: list[Generation | None] = [None] * len(requests)
        queue: deque[Job] = deque()
        for index, request in enumerate(requests):
            try:
                tokens = self.prompt_tokens(request)
            except TemplateError as exc:
                results[index] = Generation(error=f"llamacpp backend: {exc}")
                continue
            if len(tokens) + request.settings.max_new_tokens > self.n_ctx_seq:
                results[index] = Generation(
                    error=(
                        f"llamacpp backend: prompt of {len(tokens)} tokens + max_new_tokens="
                        f"{request.settings.max_new_tokens} exceeds the context of {self.n_ctx_seq} tokens per "
                        "sequence; raise --overrefusal-model-option n_ctx=..."
                    )
                )
                continue
            queue.append(Job(index, tokens, request.settings, self._sampler(request), check=check_for(settled, index)))
        if progress is not None and len(queue) < len(requests):
            progress(len(requests) - len(queue))  # prompts that failed before decoding are finished too
        prefix = shared_prefix(queue, self.n_ctx)
        lock = threading.Lock()
        if len(state.decoders) == 1 or len(queue) <= self.parallel:
            state.decoders[0].run(queue, results, lock, prefix, progress)
        else:
            self._run_threads(state.decoders, queue, results, lock, prefix, progress)
        return [r if r is not None else Generation(error="llamacpp backend: prompt was not decoded") for r in results]

    def _run_threads(
        self,
        decoders: Sequence[Decoder],
        queue: deque[Job],
        results: list[Generation | None],
        lock: threading.Lock,
        prefix: list[int],
        progress: Progress | None,
    ) -> None:
        failures: list[BaseException] = []

        def work(decoder: Decoder) -> None:
            try:
                decoder.run(queue, results, lock, prefix, progress)
            except BaseException as exc:  # re-raised in the caller's thread below
                failures.append(exc)
                with lock:
                    queue.clear()

        threads = [
            threading.Thread(target=work, args=(d,), name=f"overrefusal-llamacpp-{i}", daemon=True)
            for i, d in enumerate(decoders)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise failures[0]

    def close(self) -> None:
        with self._load_lock:
            self._closed = True
            if self._state is not None:
                self._state.finalizer()
                self._state = None  # any later use raises instead of touching freed handles


def create(arg: str | None, options: Mapping[str, str]) -> LlamaCppBackend:
    reader = OptionReader("llamacpp backend", options, OPTIONS)
    path = Path(arg).expanduser() if arg else embedded_model_path()
    if arg and path.suffix.lower() != ".gguf" and not path.is_file():
        raise ConfigError(f"llamacpp backend: {arg!r} is not a .gguf file")
    parallel = reader.integer("parallel", 16, minimum=1, maximum=255)
    # Absent contexts/threads are planned from the machine (CPUs, cgroup quota, xdist workers, memory).
    contexts = reader.integer("contexts", 0, minimum=1, maximum=64) if reader.has("contexts") else None
    template = reader.string("chat_template")
    if template is not None and not Path(template).is_file():
        raise ConfigError(f"llamacpp backend: cannot read chat_template={template!r}: no such file")
    return LlamaCppBackend(
        path,
        n_ctx=reader.integer("n_ctx", 1024, minimum=64),
        parallel=parallel,
        contexts=contexts,
        batch_size=reader.integer("batch_size", 0, minimum=1) if reader.has("batch_size") else None,
        n_batch=reader.integer("n_batch", 512, minimum=parallel),
        threads=reader.integer("threads", 0, minimum=0) or None,
        threads_batch=reader.integer("threads_batch", 0, minimum=0) or None,
        kv_unified=reader.boolean("kv_unified", False),
        flash_attn=reader.choice("flash_attn", "auto", tuple(_FLASH)),
        gpu_layers=reader.integer("gpu_layers", -1, minimum=-1),
        chat_template=template,
        verbose=reader.boolean("verbose", False),
    )
