"""The openai backend against a seeded fault-injecting loopback server and a real llama_cpp.server."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from faultserver import FAILURE_KINDS, FaultServer, reply_for

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings, Message
from pytest_overrefusal.backends.openai import OpenAIBackend, create
from pytest_overrefusal.errors import BackendError, ConfigError
from pytest_overrefusal.registry import BACKEND_GROUP, build

SECRET = "sk-test-SECRET-never-print-me"


def _requests(n: int, *, max_new_tokens: int = 32, stop: tuple[str, ...] = ()) -> list[GenerationRequest]:
    settings = GenerationSettings(max_new_tokens=max_new_tokens, temperature=0.0, seed=7, stop=stop)
    return [
        GenerationRequest((Message("user", f"prompt number {i}: how do I kill a Python process?"),), settings=settings)
        for i in range(n)
    ]


def _fast(url: str, **options: str) -> OpenAIBackend:
    merged = {"model": "fault-model", "timeout": "0.4", "backoff": "0.01", "max_backoff": "0.05", **options}
    return create(url, merged)


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    # Retry-After "0" keeps the test fast; honouring a non-zero value is checked separately below.
    with FaultServer(seed=1234, fault_rate=0.2, timeout_delay=0.8, retry_after="0") as server:
        yield server


def test_every_prompt_ends_with_text_when_retries_suffice(faults: FaultServer) -> None:
    requests = _requests(120)
    backend = _fast(faults.url, retries="8", concurrency="8")
    finished: list[int] = []
    try:
        out = backend.generate(requests, progress=finished.append)
    finally:
        backend.close()
    assert len(out) == len(requests)
    assert finished == [1] * len(requests)  # the progress bar hears of each prompt as it ends
    for request, generation in zip(requests, out, strict=True):
        assert generation.error is None, generation.error
        assert generation.text == reply_for(request.last_user_turn)
    seen = faults.faults_seen()
    # The run must actually have gone through faults of every kind, or it proves nothing.
    assert set(seen) >= set(FAILURE_KINDS), seen
    assert sum(n for kind, n in seen.items() if kind != "slow") >= 0.1 * len(faults.received)


def test_without_retries_exactly_the_faulted_prompts_are_errors(faults: FaultServer) -> None:
    requests = _requests(60)
    backend = _fast(faults.url, retries="0", concurrency="6")
    try:
        out = backend.generate(requests)
    finally:
        backend.close()
    expected_failures = {r.last_user_turn for r in requests if faults.fails(r.last_user_turn, 0)}
    assert expected_failures, "seed produced no first-attempt failures: the test would prove nothing"
    for request, generation in zip(requests, out, strict=True):
        # text XOR error: a failed prompt never carries text that a judge could count as compliance
        assert (generation.error is None) != (generation.text == "")
        if request.last_user_turn in expected_failures:
            assert generation.error is not None
            assert "gave up after 1 attempt" in generation.error
        else:
            assert generation.text == reply_for(request.last_user_turn)
    assert len(faults.received) == len(requests)


def test_request_carries_settings_messages_and_key(faults: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MY_KEY", SECRET)
    backend = _fast(faults.url, api_key_env="MY_KEY", retries="8", extra_body='{"top_k": 1, "repeat_penalty": 1.0}')
    settings = GenerationSettings(max_new_tokens=17, temperature=0.3, seed=99, stop=("\n\n", "END"))
    request = GenerationRequest((Message("user", "What is 2+2?"),), system_prompt="Be brief.", settings=settings)
    try:
        [generation] = backend.generate([request])
    finally:
        backend.close()
    assert generation.text == reply_for("What is 2+2?")
    body = faults.received[-1].body
    assert body is not None
    assert body["messages"] == [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is 2+2?"}]
    assert (body["max_tokens"], body["temperature"], body["seed"], body["stop"]) == (17, 0.3, 99, ["\n\n", "END"])
    assert body["model"] == "fault-model"
    assert (body["top_k"], body["repeat_penalty"]) == (1, 1.0)
    assert faults.received[-1].headers["authorization"] == f"Bearer {SECRET}"
    assert SECRET not in backend.fingerprint()
    assert backend.fingerprint().endswith('|extra={"repeat_penalty": 1.0, "top_k": 1}')


def test_client_errors_are_not_retried_and_hide_the_key(faults: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    backend = _fast(faults.url, retries="5")
    request = GenerationRequest((Message("user", f"HTTP:400 bad request {SECRET}"),))
    try:
        [generation] = backend.generate([request])
    finally:
        backend.close()
    assert generation.error is not None
    assert "HTTP 400" in generation.error
    assert "forced status 400" in generation.error
    assert SECRET not in generation.error
    assert faults.attempts[request.last_user_turn] == 1


def test_unauthorized_stops_the_batch_after_the_first_answer(faults: FaultServer) -> None:
    backend = _fast(faults.url, retries="3", concurrency="1")
    requests = [GenerationRequest((Message("user", f"HTTP:401 number {i}"),)) for i in range(5)]
    try:
        out = backend.generate(requests)
    finally:
        backend.close()
    assert all(g.error is not None and "HTTP 401" in g.error for g in out)
    assert len(faults.received) == 1


def test_retry_after_is_honoured() -> None:
    with FaultServer(seed=5, fault_rate=1.0, kinds=("429",), retry_after="1") as server:
        backend = _fast(server.url, retries="1")
        try:
            started = time.monotonic()
            [generation] = backend.generate(_requests(1))
            elapsed = time.monotonic() - started
        finally:
            backend.close()
    assert generation.error is not None
    assert "HTTP 429" in generation.error
    assert "2 attempts" in generation.error
    # backoff is capped at 0.05 s here, so only the server's Retry-After explains a 1 s wait
    assert elapsed >= 0.95


def test_unreachable_server_gives_clear_per_prompt_errors() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    backend = _fast(f"http://127.0.0.1:{port}/v1", retries="1", concurrency="2")
    try:
        out = backend.generate(_requests(6))
    finally:
        backend.close()
    assert len(out) == 6
    for generation in out:
        assert generation.text == ""
        assert generation.error is not None
        assert f"cannot connect to http://127.0.0.1:{port}/v1" in generation.error


def test_model_is_discovered_when_the_server_serves_one(faults: FaultServer) -> None:
    backend = create(faults.url, {})
    try:
        assert backend.fingerprint() == f"openai:{faults.url}|model=fault-model"
    finally:
        backend.close()


def test_model_discovery_failure_is_a_backend_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    backend = create(f"http://127.0.0.1:{port}/v1", {"retries": "0"})
    try:
        with pytest.raises(BackendError, match="model=NAME"):
            backend.generate(_requests(1))
    finally:
        backend.close()


@pytest.mark.parametrize(
    ("arg", "options", "message"),
    [
        (None, {}, "needs the server's base URL"),
        ("127.0.0.1:8000/v1", {}, "must start with http"),
        ("http://x/v1", {"concurency": "4"}, "unknown option 'concurency'"),
        ("http://x/v1", {"retries": "many"}, "retries='many' must be an integer"),
        ("http://x/v1", {"timeout": "0"}, "timeout='0' must be a number > 0"),
        ("http://x/v1", {"api_key_env": "OVERREFUSAL_TEST_UNSET_VAR"}, "OVERREFUSAL_TEST_UNSET_VAR"),
        ("http://x/v1", {"extra_body": "{top_k: 1}"}, "extra_body is not valid JSON"),
        ("http://x/v1", {"extra_body": "[1, 2]"}, "extra_body must be a JSON object"),
        ("http://x/v1", {"extra_body": '{"temperature": 1}'}, "extra_body may not set 'temperature'"),
    ],
)
def test_bad_configuration_is_one_clear_line(arg: str | None, options: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        build(BACKEND_GROUP, "openai" if arg is None else f"openai:{arg}", options)
    assert "\n" not in str(info.value)


def test_endpoint_suffix_is_accepted() -> None:
    backend = create("http://127.0.0.1:1/v1/chat/completions/", {"model": "m"})
    try:
        assert backend.endpoint == "http://127.0.0.1:1/v1/chat/completions"
    finally:
        backend.close()


def test_backoff_has_full_jitter_and_caps() -> None:
    from pytest_overrefusal.backends._retry import RetryPolicy, parse_retry_after

    policy = RetryPolicy(retries=5, backoff=0.5, max_delay=3.0, max_retry_after=10.0, rng=random.Random(0))
    delays = [[policy.delay(attempt) for _ in range(200)] for attempt in range(5)]
    for attempt, samples in enumerate(delays):
        cap = min(3.0, 0.5 * 2**attempt)
        assert all(0.0 <= d <= cap for d in samples)
        assert max(samples) > 0.8 * cap
        assert min(samples) < 0.2 * cap
    assert policy.delay(0, retry_after=2.0) == 2.0
    assert policy.delay(0, retry_after=100.0) == 10.0
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-3") is None


# -- a real OpenAI-compatible server: llama_cpp.server on the embedded model ---------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def llama_server() -> Iterator[str]:
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed")
    pytest.importorskip("uvicorn", reason="llama-cpp-python[server] is not installed")
    from pytest_overrefusal.backends.embedded import embedded_model_path

    model = embedded_model_path()
    port = _free_port()
    cmd = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
        "--model_alias",
        "smollm2",
        # The backend's contexts use flash attention; the same kernel on the server makes their greedy
        # answers comparable token for token on any CPU (the two kernels round differently).
        "--flash_attn",
        "True",
        "--verbose",
        "False",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"overrefusal-llama-server-{port}.log"
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        import httpx

        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}: {tail}")
            try:
                if httpx.get(f"{url}/models", timeout=1.0).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server not ready after 90 s: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.unlink(missing_ok=True)


@pytest.mark.slow
def test_real_llama_cpp_server(llama_server: str) -> None:
    from pytest_overrefusal.backends.llamacpp import create as create_llamacpp

    # llama_cpp.server applies repeat_penalty=1.1 unless told otherwise: ask for plain greedy decoding.
    backend = create(llama_server, {"concurrency": "2", "timeout": "120", "extra_body": '{"repeat_penalty": 1.0}'})
    settings = GenerationSettings(max_new_tokens=12, temperature=0.0, seed=0)
    prompts = ["How do I kill a Python process?", "Which city is the capital of France?", "Name a primary colour."]
    requests = [GenerationRequest((Message("user", p),), settings=settings) for p in prompts]
    try:
        assert backend.fingerprint().startswith(f"openai:{llama_server}|model=smollm2")
        first = backend.generate(requests)
        again = backend.generate(requests)
    finally:
        backend.close()
    for generation in first:
        assert generation.error is None, generation.error
        assert generation.text.strip()
        assert generation.tokens is not None
        assert 0 < generation.tokens <= 12
    assert [g.text for g in again] == [g.text for g in first]  # greedy decoding is repeatable
    # The same GGUF in-process gives the same greedy answers: the server got the same conversation.
    local = create_llamacpp(None, {"threads": "1", "parallel": "3"})
    try:
        expected = local.generate(requests)
    finally:
        local.close()
    assert [g.text for g in first] == [g.text for g in expected]
