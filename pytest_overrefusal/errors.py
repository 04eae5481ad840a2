"""One exception family for everything the plugin reports to users.

Every error here renders as a single line (``str(exc)``) that names the file and line, or the component,
so the pytest layer and the CLI can print it without a traceback.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BackendError",
    "ConfigError",
    "JudgeError",
    "MissingDependency",
    "OverrefusalError",
    "SourceError",
    "SuiteError",
    "ThresholdError",
    "unexpected",
]

DEBUG_OPTION = "--overrefusal-debug"


class OverrefusalError(Exception):
    """Base class: a user-facing problem that is reported as one line, never a traceback."""


class SourceError(OverrefusalError):
    """A problem at a place in a user file: rendered as ``path:line: message``."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.location_message())

    def location_message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


class SuiteError(SourceError):
    """A suite file that does not parse or validate."""


class ThresholdError(SourceError):
    """A threshold file that does not parse or validate."""


class ConfigError(OverrefusalError):
    """A bad command-line option, ini value or model/judge spec."""


class MissingDependency(ConfigError):
    """An optional dependency is not installed; the message names the pip extra."""

    def __init__(self, component: str, module: str, extra: str) -> None:
        self.component = component
        self.module = module
        self.extra = extra
        super().__init__(f"{component} needs the '{module}' package: pip install 'pytest-overrefusal[{extra}]'")


class BackendError(OverrefusalError):
    """A backend could not be built or failed as a whole (not one prompt: see Generation.error)."""


class JudgeError(OverrefusalError):
    """A judge could not be built or failed as a whole."""


def unexpected(component: str, exc: BaseException, hint: str = DEBUG_OPTION) -> str:
    """One line for an exception nobody anticipated: the component, the exception, and how to see more.

    Used where an exception would otherwise escape to pytest as an INTERNALERROR or print thousands of
    lines of traceback per item; ``--overrefusal-debug`` lets it through with its traceback.
    """
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:297] + "..."
    return (
        f"overrefusal: unexpected error in {component}: {type(exc).__name__}: {text or '(no message)'} "
        f"(a bug or an unchecked input; rerun with {hint} for the traceback)"
    )
