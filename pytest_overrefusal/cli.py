"""The ``overrefusal`` command: one subcommand per module in ``pytest_overrefusal.commands``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ._version import __version__
from .errors import OverrefusalError, unexpected

__all__ = ["main"]

# name on the command line -> module in pytest_overrefusal.commands; imported only when chosen
COMMANDS = {
    "validate": "validate",
    "stats": "stats",
    "import": "import_",
    "judge-eval": "judge_eval",
    "judge-train": "judge_train",
    "report": "report",
    "mine-boundary": "mine_boundary",
    "export-batch": "export_batch",
    "plan": "plan",
    "triggers": "triggers",
    "suggest-focus": "suggest_focus",
}


def _available() -> dict[str, object]:
    modules: dict[str, object] = {}
    for name, module in COMMANDS.items():
        try:
            modules[name] = importlib.import_module(f"pytest_overrefusal.commands.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"pytest_overrefusal.commands.{module}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="overrefusal", description="Suites, judges and reports for pytest-overrefusal."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="let unexpected errors through with their traceback instead of one line"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in _available().items():
        command = sub.add_parser(name, help=getattr(module, "HELP", None), description=getattr(module, "HELP", None))
        module.add_arguments(command)  # type: ignore[attr-defined]
        command.set_defaults(handler=module.run)  # type: ignore[attr-defined]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except OverrefusalError as exc:
        print(f"overrefusal {args.command}: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except Exception as exc:
        if args.debug:
            raise
        print(unexpected(f"overrefusal {args.command}", exc, "overrefusal --debug"), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
