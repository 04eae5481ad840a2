"""A loopback OpenAI-compatible server that fails a seeded fraction of requests in varied ways.

Which attempt fails, and how, is a pure function of ``(seed, prompt, attempt number)`` (see
``FaultServer.fault_for``), so a test knows in advance which prompts fail on their first attempt even
though requests arrive concurrently and in any order. Successful answers are derived from the prompt
(``reply_for``) so a test can also prove that no answer reached the wrong prompt.

Failure kinds: ``500`` and ``503`` (server errors), ``429`` with ``Retry-After``, ``timeout`` (answers
after the client's timeout), ``drop`` (closes the connection without a response), ``malformed``
(truncated JSON with status 200) and ``shape`` (valid JSON without ``choices``). ``slow`` answers
correctly after a short delay and is not a failure. A prompt that starts with ``HTTP:<code>`` always
gets that status, for testing non-retryable client errors.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FAILURE_KINDS", "FaultServer", "reply_for"]

FAILURE_KINDS = ("500", "503", "429", "timeout", "drop", "malformed", "shape")


def reply_for(prompt: str) -> str:
    return f"Answer to: {prompt}"


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    fault: str | None


@dataclass
class FaultServer:
    seed: int = 0
    fault_rate: float = 0.2
    timeout_delay: float = 1.0
    slow_delay: float = 0.05
    retry_after: str = "1"
    model: str = "fault-model"
    kinds: tuple[str, ...] = FAILURE_KINDS
    received: list[Received] = field(default_factory=list)
    attempts: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    # -- deterministic plan -----------------------------------------------------------------------

    def fault_for(self, prompt: str, attempt: int) -> str | None:
        """The failure (or ``slow``) for the ``attempt``-th request (0-based) carrying ``prompt``, or None to answer."""
        digest = hashlib.sha256(f"{self.seed}|{attempt}|{prompt}".encode()).digest()
        draw = int.from_bytes(digest[:8], "big") / 2**64
        if draw >= self.fault_rate:
            return "slow" if digest[8] < 26 else None
        return self.kinds[int.from_bytes(digest[9:13], "big") % len(self.kinds)]

    def fails(self, prompt: str, attempt: int) -> bool:
        return self.fault_for(prompt, attempt) not in (None, "slow")

    # -- lifecycle --------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._server is not None, "server not started"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def start(self) -> FaultServer:
        handler = _make_handler(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="faultserver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def faults_seen(self) -> Counter[str]:
        with self._lock:
            return Counter(r.fault for r in self.received if r.fault is not None)

    def _record(self, path: str, headers: dict[str, str], body: dict[str, Any] | None) -> str | None:
        prompt = _last_user(body)
        with self._lock:
            attempt = self.attempts[prompt]
            self.attempts[prompt] += 1
            if prompt.startswith("HTTP:"):
                fault: str | None = "forced"
            else:
                fault = self.fault_for(prompt, attempt)
            self.received.append(Received(path, headers, body, fault))
            return fault


def _last_user(body: dict[str, Any] | None) -> str:
    if not isinstance(body, dict):
        return ""
    for message in reversed(body.get("messages") or []):
        if isinstance(message, dict) and message.get("role") == "user":
            return str(message.get("content", ""))
    return ""


def _make_handler(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                # The client gave up (it timed out on purpose): nothing left to tell it.
                self.close_connection = True

        def do_GET(self) -> None:
            if self.path.rstrip("/") == "/v1/models":
                self._send(200, json.dumps({"object": "list", "data": [{"id": server.model}]}).encode())
            else:
                self._send(404, b'{"error": "not found"}')

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            try:
                body = json.loads(raw)
            except ValueError:
                self._send(400, b'{"error": "request body is not JSON"}')
                return
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, b'{"error": "not found"}')
                return
            headers = {k.lower(): v for k, v in self.headers.items()}
            fault = server._record(self.path, headers, body)
            prompt = _last_user(body)
            if fault == "forced":
                code = int(prompt[5:8])
                self._send(code, json.dumps({"error": {"message": f"forced status {code}"}}).encode())
            elif fault in ("500", "503"):
                self._send(int(fault), b'{"error": {"message": "internal error, try again"}}')
            elif fault == "429":
                self._send(429, b'{"error": {"message": "rate limited"}}', {"Retry-After": server.retry_after})
            elif fault == "timeout":
                time.sleep(server.timeout_delay)
                self._send(200, self._completion(prompt, body))
            elif fault == "drop":
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
            elif fault == "malformed":
                good = self._completion(prompt, body)
                self._send(200, good[: len(good) // 2])
            elif fault == "shape":
                self._send(200, b'{"object": "chat.completion", "result": "no choices here"}')
            else:
                if fault == "slow":
                    time.sleep(server.slow_delay)
                self._send(200, self._completion(prompt, body))

        def _completion(self, prompt: str, body: dict[str, Any]) -> bytes:
            text = reply_for(prompt)
            tokens = min(len(text.split()), int(body.get("max_tokens") or 10**6))
            return json.dumps(
                {
                    "id": "chatcmpl-fault",
                    "object": "chat.completion",
                    "model": body.get("model"),
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": len(prompt.split()), "completion_tokens": tokens},
                }
            ).encode()

    return Handler
