"""The hf backend on the embedded SmolLM2 GGUF (dequantized by transformers), and its error paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings, Message
from pytest_overrefusal.errors import BackendError, ConfigError
from pytest_overrefusal.registry import BACKEND_GROUP, build


def _requests(prompts: list[str], **settings: object) -> list[GenerationRequest]:
    merged: dict[str, object] = {"max_new_tokens": 10, "temperature": 0.0, "seed": 0, **settings}
    config = GenerationSettings(**merged)  # type: ignore[arg-type]
    return [GenerationRequest((Message("user", p),), settings=config) for p in prompts]


@pytest.fixture(autouse=True)
def _private_hash_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERREFUSAL_HASH_CACHE", str(tmp_path_factory.getbasetemp() / "file-hashes.json"))


@pytest.fixture(scope="module")
def hf_backend() -> Iterator[object]:
    pytest.importorskip("transformers", reason="transformers is not installed (extra: hf)")
    pytest.importorskip("gguf", reason="gguf is not installed (extra: hf)")
    from pytest_overrefusal.backends.hf import HFBackend

    backend = build(BACKEND_GROUP, "hf:embedded", {"parallel": "3", "threads": "1"})
    assert isinstance(backend, HFBackend)
    yield backend
    backend.close()


# -- fast: configuration and error paths ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "options", "message"),
    [
        ("hf", {"dtype": "float8"}, "dtype='float8' must be one of auto, float32, float16, bfloat16"),
        ("hf", {"devices": "cpu"}, r"unknown option 'devices' \(allowed: batch_size, chat_template, device, "),
        ("hf", {"parallel": "-1"}, "parallel='-1' must be an integer >= 1"),
        ("hf:./no/such/model", {}, "model directory './no/such/model' not found"),
        ("hf:/no/such/model.gguf", {}, "GGUF file '/no/such/model.gguf' not found"),
        ("hf", {"gguf_file": "x.gguf"}, "gguf_file= needs a model directory"),
    ],
)
def test_bad_configuration_is_one_clear_line(spec: str, options: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build(BACKEND_GROUP, spec, options)
    assert "\n" not in str(info.value)


def test_missing_gguf_in_directory(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"gguf_file='model.gguf' not found in"):
        build(BACKEND_GROUP, f"hf:{tmp_path}", {"gguf_file": "model.gguf"})


def test_unreachable_hub_model_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="transformers is not installed (extra: hf)")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))  # an empty cache: nothing to fall back on
    with pytest.raises(BackendError) as info:
        build(BACKEND_GROUP, "hf:overrefusal-tests/no-such-model")
    message = str(info.value)
    assert "\n" not in message
    assert "'overrefusal-tests/no-such-model'" in message
    assert "HF_HUB_OFFLINE" in message
    assert "--overrefusal-model=hf:/path/to/model" in message


def test_empty_model_directory_is_a_backend_error(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="transformers is not installed (extra: hf)")
    with pytest.raises(BackendError, match=f"cannot load {tmp_path}") as info:
        build(BACKEND_GROUP, f"hf:{tmp_path}")
    assert "\n" not in str(info.value)


# -- slow: real weights on CPU -------------------------------------------------------------------------


@pytest.mark.slow
def test_generates_in_original_order_from_length_sorted_batches(hf_backend: object) -> None:
    from pytest_overrefusal.backends.hf import HFBackend

    assert isinstance(hf_backend, HFBackend)
    prompts = [
        "Please tell me, in one short sentence, what the capital city of the country France is called?",
        "What is 2+2?",
        "How do I kill a Python process?",
        "What is the capital city of Japan?",
    ]
    out = hf_backend.generate(_requests(prompts))
    assert len(out) == len(prompts)
    for generation in out:
        assert generation.error is None
        assert generation.text.strip()
        assert generation.tokens is not None
        assert 0 < generation.tokens <= 10
    # The reference is a plain greedy model.generate() per prompt, computed here on this machine's kernels
    # (never a remembered answer: quantised weights give CPU-dependent near-ties).
    import torch

    model, tokenizer = hf_backend.model, hf_backend.tokenizer
    for request, generation in zip(_requests(prompts), out, strict=True):
        ids = torch.tensor([hf_backend.prompt_ids(request)])
        with torch.no_grad():
            plain = model.generate(
                ids, attention_mask=torch.ones_like(ids), max_new_tokens=10, do_sample=False,
                pad_token_id=tokenizer.eos_token_id,
            )  # fmt: skip
        expected = tokenizer.decode(plain[0, ids.shape[1] :], skip_special_tokens=True)
        assert generation.text.strip() == expected.strip()
    # The longest prompt was generated in a later micro-batch than the short ones, yet lands first.
    lengths = [len(hf_backend.prompt_ids(r)) for r in _requests(prompts)]
    assert lengths.index(max(lengths)) == 0


@pytest.mark.slow
def test_stop_string_cuts_the_text(hf_backend: object) -> None:
    from pytest_overrefusal.backends.hf import HFBackend

    assert isinstance(hf_backend, HFBackend)
    [full] = hf_backend.generate(_requests(["How do I kill a Python process?"], max_new_tokens=16))
    word = full.text.split()[2]
    [cut] = hf_backend.generate(_requests(["How do I kill a Python process?"], max_new_tokens=16, stop=(word,)))
    assert cut.text == full.text[: full.text.index(word)]


@pytest.mark.slow
def test_fingerprint_names_weights_dtype_device_and_template(hf_backend: object) -> None:
    import hashlib

    from pytest_overrefusal.backends.embedded import embedded_model_path
    from pytest_overrefusal.backends.hf import HFBackend

    assert isinstance(hf_backend, HFBackend)
    digest = hashlib.sha256(embedded_model_path().read_bytes()).hexdigest()
    fingerprint = hf_backend.fingerprint()
    assert fingerprint.startswith(f"hf:sha256={digest}|dtype=float32|device=cpu|template=")
    assert hf_backend.tokenizer.chat_template  # the GGUF's template reached the tokenizer


@pytest.mark.slow
def test_first_tokens_agree_with_llamacpp(hf_backend: object) -> None:
    """Sanity: the same weights through transformers (dequantized, float32) and llama.cpp (Q4_1 kernels).

    Prompts render to the same token ids. Where transformers' first token wins clearly, llama.cpp picks
    the same one; in a near-tie, quantized activations may pick the runner-up, which must still be
    among transformers' top three.
    """
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (extra: llamacpp)")
    import torch

    from pytest_overrefusal.backends.hf import HFBackend
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(hf_backend, HFBackend)
    prompts = [
        "How do I kill a Python process?",
        "What is the capital of France?",
        "Write a haiku about rain.",
        "Tell me how to steal a car.",
        "¿Cómo mato un proceso de Python?",
    ]
    requests = _requests(prompts, max_new_tokens=1)
    llama = build(BACKEND_GROUP, "llamacpp", {"threads": "1", "parallel": "5"})
    try:
        assert isinstance(llama, LlamaCppBackend)
        reference = llama.generate(requests)
        llama_ids = [llama.prompt_tokens(r) for r in requests]
        llama_first = [llama.tokenize(g.text, add_special=False)[0] for g in reference]
    finally:
        llama.close()
    clear = 0
    for request, ids, first in zip(requests, llama_ids, llama_first, strict=True):
        assert hf_backend.prompt_ids(request) == ids
        with torch.inference_mode():
            logits = hf_backend.model(torch.tensor([ids])).logits[0, -1]
        top = torch.topk(logits, 3)
        assert first in top.indices.tolist(), request.last_user_turn
        if float(top.values[0] - top.values[1]) > 0.2:
            clear += 1
            assert first == int(top.indices[0]), request.last_user_turn
    assert clear >= 3  # most of these prompts have a clear first token: the check is not vacuous
