"""A progress bar on stderr for long generation runs: tqdm when installed, a plain counter otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, Protocol

__all__ = ["Progress", "make_progress"]


class Progress(Protocol):
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


class _Silent:
    def update(self, n: int) -> None:
        return None

    def close(self) -> None:
        return None


class _Plain:
    """Rewrites one stderr line at most twice a second; used when tqdm is absent."""

    def __init__(self, total: int, desc: str) -> None:
        self.total, self.desc, self.done, self._last = total, desc, 0, 0.0

    def update(self, n: int) -> None:
        self.done += n
        now = time.monotonic()
        if now - self._last >= 0.5 or self.done >= self.total:
            self._last = now
            sys.stderr.write(f"\r{self.desc}: {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
        sys.stderr.flush()


class _Context:
    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def __enter__(self) -> Progress:
        bar: Progress = self.bar
        return bar

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.bar.close()


def make_progress(total: int, desc: str, enabled: bool) -> _Context:
    """A progress context; silent unless ``enabled`` (the caller checks -q and whether stderr is a terminal)."""
    if not enabled or total <= 0:
        return _Context(_Silent())
    try:
        from tqdm import tqdm
    except ImportError:
        return _Context(_Plain(total, desc))
    return _Context(tqdm(total=total, desc=desc, unit="prompt", file=sys.stderr, leave=True, dynamic_ncols=True))
