"""Retry timing for remote backends: exponential backoff with full jitter, and ``Retry-After``.

Full jitter (a uniform delay between 0 and the exponential cap) spreads the retries of many concurrent
prompts over time instead of sending them back in synchronised waves to a server that just said it
is overloaded. A server's ``Retry-After`` is a stronger signal than our guess, so it wins when present,
bounded by ``max_delay`` so that a misconfigured server cannot stall a CI job for hours.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["RetryPolicy", "parse_retry_after"]


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None when absent or invalid."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        current = time.time() if now is None else now
        return max(0.0, when.timestamp() - current)
    if seconds != seconds or seconds < 0:
        return None
    return seconds


@dataclass
class RetryPolicy:
    """How many times to retry a failed attempt and how long to wait before each retry.

    ``retries`` counts retries after the first attempt (``retries=0``: a single attempt). Attempt ``n``
    (0-based) waits ``uniform(0, min(max_delay, backoff * 2**n))``, or the server's ``Retry-After``
    (at most ``max_retry_after``) when it sent one.
    """

    retries: int = 3
    backoff: float = 0.5
    max_delay: float = 30.0
    max_retry_after: float = 120.0
    rng: random.Random = field(default_factory=random.Random)
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        if retry_after is not None:
            return min(self.max_retry_after, retry_after)
        cap = min(self.max_delay, self.backoff * (2**attempt))
        return self.rng.uniform(0.0, cap)

    def wait(self, attempt: int, retry_after: float | None = None) -> float:
        seconds = self.delay(attempt, retry_after)
        if seconds > 0:
            self.sleep(seconds)
        return seconds
