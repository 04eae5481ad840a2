"""``overrefusal validate PATH...``: check suite and threshold files without running a model."""

from __future__ import annotations

import argparse
import sys

from ..errors import OverrefusalError
from ..suite import DEFAULT_GLOB, find_suite_files, load_suite
from ..thresholds import load_thresholds

HELP = "validate suite files (and threshold files with --thresholds); exit 1 on the first problem in each file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="suite files or directories searched for suite files")
    parser.add_argument(
        "--glob", default=DEFAULT_GLOB, help=f"suite file pattern in directories (default: {DEFAULT_GLOB})"
    )
    parser.add_argument(
        "--thresholds", action="append", default=[], metavar="PATH", help="threshold file to validate, repeatable"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def run(args: argparse.Namespace) -> int:
    problems = 0
    files = find_suite_files(args.paths, args.glob)
    if not files and not args.thresholds:
        print("overrefusal validate: no suite files found", file=sys.stderr)
        return 1
    ids: dict[str, str] = {}
    total = 0
    for path in files:
        try:
            suite = load_suite(path)
        except OverrefusalError as exc:
            print(exc, file=sys.stderr)
            problems += 1
            continue
        if suite.name in ids:
            print(f"{path}:1: suite name {suite.name!r} is already used by {ids[suite.name]}", file=sys.stderr)
            problems += 1
            continue
        ids[suite.name] = str(path)
        total += len(suite)
        if not args.quiet:
            print(f"ok  {path}: suite {suite.name!r}, {len(suite)} prompts")
    for path in args.thresholds:
        try:
            thresholds = load_thresholds(path)
        except OverrefusalError as exc:
            print(exc, file=sys.stderr)
            problems += 1
            continue
        if not args.quiet:
            print(f"ok  {path}: thresholds from {', '.join(thresholds.sources)}")
    if not args.quiet:
        print(f"{len(files)} suite file(s), {total} prompts, {problems} problem(s)")
    return 1 if problems else 0
