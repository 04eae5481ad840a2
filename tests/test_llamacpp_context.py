"""backends/llamacpp/context.py: every context on a model is freed before the model, once."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from pytest_overrefusal.backends.llamacpp.context import FLASH, ContextParams, Weights
from pytest_overrefusal.errors import BackendError


class FakeBindings:
    """The few llama.cpp calls context.py makes, recorded in order."""

    def __init__(self, fail_init: bool = False) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.fail_init = fail_init
        self.next_ctx = 0

    def llama_context_default_params(self) -> SimpleNamespace:
        return SimpleNamespace()

    def llama_init_from_model(self, model: Any, params: Any) -> Any:
        self.calls.append(("init", params))
        if self.fail_init:
            return None
        self.next_ctx += 1
        return f"ctx{self.next_ctx}"

    def llama_get_memory(self, ctx: Any) -> Any:
        return f"mem-{ctx}"

    def llama_batch_init(self, n: int, embd: int, seqs: int) -> Any:
        return SimpleNamespace(n=n, token={}, pos={}, n_seq_id={}, seq_id={i: {} for i in range(n)}, logits={})

    def llama_n_ctx(self, ctx: Any) -> int:
        return 256

    def llama_decode(self, ctx: Any, batch: Any) -> int:
        self.calls.append(("decode", (ctx, batch.n_tokens)))
        return 0

    def llama_batch_free(self, batch: Any) -> None:
        self.calls.append(("batch_free", batch.n))

    def llama_free(self, ctx: Any) -> None:
        self.calls.append(("free", ctx))

    def llama_model_free(self, model: Any) -> None:
        self.calls.append(("model_free", model))


def test_contexts_are_freed_before_the_weights_and_only_once() -> None:
    llama = FakeBindings()
    weights = Weights(llama, "model")
    first = weights.new_context(ContextParams(n_ctx=64, n_batch=16), error="no")
    weights.new_context(ContextParams(n_ctx=64, n_batch=8, n_seq_max=3), error="no")
    first.free()  # a user freeing its own context early is fine
    weights.free()
    weights.free()  # a second close (finalizer after close()) touches nothing
    frees = [c for c in llama.calls if c[0] in ("free", "model_free")]
    assert frees == [("free", "ctx1"), ("free", "ctx2"), ("model_free", "model")]


def test_params_and_batches_reach_llama_cpp() -> None:
    llama = FakeBindings()
    weights = Weights(llama, "model")
    context = weights.new_context(
        ContextParams(n_ctx=128, n_batch=32, n_seq_max=5, threads=3, kv_unified=True, flash_attn="off"),
        batch_tokens=64,
        error="no",
    )
    params = llama.calls[0][1]
    assert (params.n_ctx, params.n_batch, params.n_ubatch, params.n_seq_max) == (128, 32, 32, 5)
    assert (params.n_threads, params.n_threads_batch, params.kv_unified) == (3, 3, True)
    assert params.flash_attn_type == FLASH["off"]
    assert context.batch.n == 64
    n = context.add(0, 11, 0, 2, False)
    n = context.add(n, 12, 1, 2, True)
    assert context.decode(n) == 0
    assert llama.calls[-1] == ("decode", ("ctx1", 2))
    assert (context.batch.token, context.batch.logits, context.batch.seq_id[1][0]) == ({0: 11, 1: 12}, {0: 0, 1: 1}, 2)


def test_a_context_llama_cpp_refuses_is_a_backend_error_with_the_callers_words() -> None:
    weights = Weights(FakeBindings(fail_init=True), "model")
    with pytest.raises(BackendError, match=r"^scorer: cannot create a 64-token context$"):
        weights.new_context(ContextParams(n_ctx=64, n_batch=16), error="scorer: cannot create a 64-token context")
    with pytest.raises(BackendError, match=r"^made late$"):
        weights.new_context(ContextParams(n_ctx=64, n_batch=16), error=lambda: "made late")
