"""``openai:BASE_URL``: any server that speaks the OpenAI chat-completions API.

Works with vLLM, TGI, the llama.cpp server, ``python -m llama_cpp.server``, Ollama and OpenAI itself::

    --overrefusal-model=openai:http://127.0.0.1:8000/v1 --overrefusal-model-option model=my-model

Requests go out concurrently from a thread pool over one pooled ``httpx.Client``: the backend protocol
is synchronous, and threads keep working inside test sessions that already run an event loop (an
``asyncio.run`` per batch would not). Transient failures (429, 408, 5xx, timeouts, dropped connections,
malformed JSON) are retried with exponential backoff and full jitter, honouring ``Retry-After``; a
prompt whose retries are spent, or that got a non-retryable 4xx, comes back as ``Generation(error=...)``
and is never counted as a compliance. The API key is read from an environment variable, sent only in
the ``Authorization`` header, and never appears in fingerprints, errors or logs.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import BackendError, ConfigError, MissingDependency
from ._options import OptionReader
from ._retry import RetryPolicy, parse_retry_after
from .base import Generation, GenerationRequest, Progress

__all__ = ["OPTIONS", "OpenAIBackend", "chat_payload", "create"]

OPTIONS = (
    "api_key_env",
    "backoff",
    "batch_size",
    "concurrency",
    "extra_body",
    "max_backoff",
    "model",
    "retries",
    "timeout",
)

_RETRY_STATUS = frozenset({408, 429})
# Statuses that mean every other prompt would fail the same way: stop sending after the first one.
_BACKEND_WIDE_STATUS = frozenset({401, 403, 404})
_EXCERPT = 200


@dataclass(frozen=True)
class _Outcome:
    """One HTTP attempt: a generation, or an error that may be worth retrying."""

    generation: Generation | None = None
    error: str = ""
    retryable: bool = False
    retry_after: float | None = None
    backend_wide: bool = False


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT else flat[:_EXCERPT] + "…"


class OpenAIBackend:
    """Chat completions over HTTP, ``concurrency`` requests in flight at a time."""

    name = "openai"
    can_sample = True  # temperature and seed are sent; servers that ignore the seed still sample

    def __init__(
        self,
        base_url: str,
        *,
        model: str | None = None,
        api_key: str | None = None,
        concurrency: int = 8,
        timeout: float = 60.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        batch_size: int = 64,
        extra_body: Mapping[str, Any] | None = None,
    ) -> None:
        try:
            import httpx
        except ImportError:
            raise MissingDependency("the openai backend", "httpx", "openai") from None
        self.base_url = base_url.rstrip("/")
        self.endpoint = f"{self.base_url}/chat/completions"
        self._model = model
        self._api_key = api_key
        self.concurrency = concurrency
        self.timeout = timeout
        self.batch_size = batch_size
        self.extra_body = dict(extra_body or {})
        self.policy = RetryPolicy(retries=retries, backoff=backoff, max_delay=max_backoff)
        headers = {"Accept": "application/json"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self._httpx = httpx
        self._client = httpx.Client(
            headers=headers,
            timeout=httpx.Timeout(timeout),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
        )
        self._pool = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="overrefusal-openai")
        self._model_lock = threading.Lock()
        self._tripped: str | None = None
        self._trip_lock = threading.Lock()

    # -- identity ---------------------------------------------------------------------------------

    @property
    def model(self) -> str:
        """The model name sent with every request; asked from ``GET /models`` when not configured."""
        with self._model_lock:
            if self._model is None:
                self._model = self._discover_model()
            return self._model

    def fingerprint(self) -> str:
        extra = f"|extra={json.dumps(self.extra_body, sort_keys=True)}" if self.extra_body else ""
        return f"openai:{self.base_url}|model={self.model}{extra}"

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "***") if self._api_key else text

    def _discover_model(self) -> str:
        url = f"{self.base_url}/models"
        last = ""
        for attempt in range(self.policy.retries + 1):
            try:
                response = self._client.get(url)
            except self._httpx.TransportError as exc:
                last = self._transport_message(exc)
            else:
                if response.status_code == 200:
                    return self._pick_model(response)
                last = f"HTTP {response.status_code} from {url}: {_excerpt(response.text)}"
                if response.status_code < 500 and response.status_code not in _RETRY_STATUS:
                    break
            if attempt < self.policy.retries:
                self.policy.wait(attempt)
        raise BackendError(
            self._redact(
                f"openai backend: no model= option given and listing the server's models failed: {last}; "
                "pass --overrefusal-model-option model=NAME"
            )
        )

    def _pick_model(self, response: Any) -> str:
        try:
            data = response.json()
            ids = [str(item["id"]) for item in data["data"]]
        except (ValueError, KeyError, TypeError):
            raise BackendError(
                f"openai backend: {self.base_url}/models did not return an OpenAI model list; "
                "pass --overrefusal-model-option model=NAME"
            ) from None
        if len(ids) != 1:
            listed = ", ".join(ids[:10]) or "none"
            raise ConfigError(
                f"openai backend: no model= option given and {self.base_url} serves {len(ids)} models "
                f"({listed}); pass --overrefusal-model-option model=NAME"
            )
        return ids[0]

    # -- generation -------------------------------------------------------------------------------

    def _payload(self, request: GenerationRequest) -> dict[str, Any]:
        payload = chat_payload(request, self.model)
        payload.update(self.extra_body)
        return payload

    def _transport_message(self, exc: Exception) -> str:
        kind = type(exc).__name__
        if isinstance(exc, self._httpx.ConnectError):
            return f"cannot connect to {self.base_url} ({kind}: {exc or 'connection failed'})"
        if isinstance(exc, self._httpx.TimeoutException):
            return f"no answer from {self.endpoint} within timeout={self.timeout:g}s ({kind})"
        return f"connection to {self.endpoint} failed ({kind}: {exc or 'no details'})"

    def _attempt(self, payload: dict[str, Any]) -> _Outcome:
        try:
            response = self._client.post(self.endpoint, json=payload)
        except self._httpx.TransportError as exc:
            return _Outcome(error=self._transport_message(exc), retryable=True)
        status = response.status_code
        if status != 200:
            message = f"HTTP {status} from {self.endpoint}: {_excerpt(response.text) or '(empty body)'}"
            retryable = status in _RETRY_STATUS or status >= 500
            retry_after = parse_retry_after(response.headers.get("retry-after")) if retryable else None
            return _Outcome(
                error=message,
                retryable=retryable,
                retry_after=retry_after,
                backend_wide=status in _BACKEND_WIDE_STATUS,
            )
        return self._parse(response.text)

    def _parse(self, body: str) -> _Outcome:
        try:
            data = json.loads(body)
        except ValueError:
            excerpt = _excerpt(body) or "(empty body)"
            return _Outcome(error=f"malformed JSON from {self.endpoint}: {excerpt}", retryable=True)
        try:
            message = data["choices"][0]["message"]
            content = message.get("content")
            if content is None:
                # OpenAI reports a safety refusal under structured outputs in "refusal", not "content".
                content = message.get("refusal")
        except (KeyError, IndexError, TypeError, AttributeError):
            return _Outcome(
                error=f"response from {self.endpoint} has no choices[0].message: {_excerpt(body)}", retryable=True
            )
        if not isinstance(content, str):
            return _Outcome(
                error=f"response from {self.endpoint} has no text content: {_excerpt(body)}", retryable=True
            )
        usage = data.get("usage") if isinstance(data, dict) else None
        tokens = usage.get("completion_tokens") if isinstance(usage, dict) else None
        return _Outcome(generation=Generation(text=content, tokens=tokens if isinstance(tokens, int) else None))

    def _trip(self, message: str) -> None:
        with self._trip_lock:
            if self._tripped is None:
                self._tripped = message

    def _one(self, request: GenerationRequest) -> Generation:
        payload = self._payload(request)
        attempt = 0
        while True:
            if self._tripped is not None:
                note = "(not sent: the same failure stopped this batch)"
                return Generation(error=self._redact(f"{self._tripped} {note}"))
            outcome = self._attempt(payload)
            if outcome.generation is not None:
                return outcome.generation
            if outcome.backend_wide:
                self._trip(outcome.error)
            if not outcome.retryable:
                return Generation(error=self._redact(outcome.error))
            if attempt >= self.policy.retries:
                if outcome.error.startswith("cannot connect"):
                    # A server that refused every retry is down: the rest of the batch would only wait.
                    self._trip(outcome.error)
                tries = "1 attempt" if attempt == 0 else f"{attempt + 1} attempts"
                return Generation(error=self._redact(f"{outcome.error} (gave up after {tries})"))
            self.policy.wait(attempt, outcome.retry_after)
            attempt += 1

    reports_progress = True

    def generate(self, requests: Sequence[GenerationRequest], *, progress: Progress | None = None) -> list[Generation]:
        if not requests:
            return []
        _ = self.model  # resolve once up front so that discovery errors raise instead of failing each prompt
        self._tripped = None

        def one(request: GenerationRequest) -> Generation:
            generation = self._one(request)
            if progress is not None:
                progress(1)
            return generation

        return list(self._pool.map(one, requests))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._client.close()


def chat_payload(request: GenerationRequest, model: str) -> dict[str, Any]:
    """The chat-completions body for ``request``; ``overrefusal export-batch`` writes the same body."""
    settings = request.settings
    payload: dict[str, Any] = {
        "model": model,
        "messages": request.chat(),
        "max_tokens": settings.max_new_tokens,
        "temperature": settings.temperature,
        "seed": settings.seed,
        "stream": False,
    }
    if settings.stop:
        payload["stop"] = list(settings.stop)
    return payload


def _base_url(arg: str | None) -> str:
    if not arg:
        raise ConfigError(
            "the openai backend needs the server's base URL: --overrefusal-model=openai:http://127.0.0.1:8000/v1"
        )
    url = arg.strip()
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"openai backend: base URL {url!r} must start with http:// or https://")
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        url = url[: -len("/chat/completions")]
    return url


# Fields the backend owns: letting extra_body replace them would silently change what is measured.
_RESERVED = frozenset({"model", "messages", "max_tokens", "temperature", "seed", "stop", "stream"})


def _extra_body(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"openai backend: extra_body is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ConfigError("openai backend: extra_body must be a JSON object, e.g. '{\"top_k\": 1}'")
    clash = sorted(set(value) & _RESERVED)
    if clash:
        raise ConfigError(
            f"openai backend: extra_body may not set {clash[0]!r}; use the --overrefusal-* generation options"
        )
    return value


def create(arg: str | None, options: Mapping[str, str]) -> OpenAIBackend:
    reader = OptionReader("openai backend", options, OPTIONS)
    base_url = _base_url(arg)
    key_env = reader.string("api_key_env", "OPENAI_API_KEY") or "OPENAI_API_KEY"
    api_key = os.environ.get(key_env) or None
    if api_key is None and reader.has("api_key_env"):
        raise ConfigError(f"openai backend: api_key_env={key_env} names an environment variable that is not set")
    return OpenAIBackend(
        base_url,
        model=reader.string("model"),
        api_key=api_key,
        concurrency=reader.integer("concurrency", 8, minimum=1, maximum=256),
        timeout=reader.number("timeout", 60.0, positive=True),
        retries=reader.integer("retries", 4, minimum=0, maximum=50),
        backoff=reader.number("backoff", 0.5, minimum=0.0),
        max_backoff=reader.number("max_backoff", 30.0, minimum=0.0),
        batch_size=reader.integer("batch_size", 64, minimum=1),
        extra_body=_extra_body(reader.string("extra_body")),
    )
