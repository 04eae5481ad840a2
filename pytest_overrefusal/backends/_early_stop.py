"""Early stopping inside a backend's decode loop: when to ask the runner's judge about an answer so far.

The runner hands a backend one ``StopCheck`` per request (see ``base.StopsEarly``); the decode loops
call :func:`should_stop` after each new token. Asking costs a decode of the bytes so far and, past the
judge's window, a few regex scans, so it is asked only every ``CHECK_EVERY`` tokens: an answer runs at
most that many tokens past the point where its verdict settled, and the check stays a negligible
share of a decode step.
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import StopCheck

__all__ = ["CHECK_EVERY", "check_for", "should_stop"]

CHECK_EVERY = 8


def check_for(settled: Sequence[StopCheck | None] | None, index: int) -> StopCheck | None:
    """The stop check of request ``index``, or None (no early stopping for it)."""
    if not settled:
        return None
    if len(settled) <= index:
        return None
    return settled[index]


def should_stop(check: StopCheck | None, raw: bytes | bytearray, produced: int) -> bool:
    """Whether the answer whose UTF-8 bytes so far are ``raw`` (``produced`` tokens) is settled.

    Text that ends inside a multi-byte character is not asked about: the stopped answer must be
    exactly the text the judge saw settled, with no replacement character at its end.
    """
    if check is None or produced % CHECK_EVERY:
        return False
    try:
        text = bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return bool(check(text))
