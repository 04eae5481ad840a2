"""Time to load the starter suites the reference way and the fast way (issue 16), and pytest's collection.

The reference way composes every YAML node and walks the suite with ``jsonschema``; the fast way reads
a plain document straight from libyaml's events and lets ``jsonschema-rs`` clear a valid one (both
fall back to the reference path for anything else, so errors read the same). Each round loads every
suite file once per side, the side that goes first alternating; the in-process memo of loaded suites
is cleared before each fast load, so both sides time a first read. The two parts are also timed on
their own (YAML: composer vs events; schema: jsonschema vs jsonschema-rs, on the same documents).
Then ``pytest suites/ --collect-only -q --overrefusal-sample=100`` runs as a subprocess with this
tree's code (and, with ``--against TREE``, alternately with the code of another checkout)::

    python benchmarks/collection_speed.py
    python benchmarks/collection_speed.py --rounds 5 --collect-runs 3 --against ../main

Prints both sides, their ratio and the load average; every fast load is checked to give the same
suites as the reference load. Recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import REPO, machine_line

from pytest_overrefusal.errors import SuiteError
from pytest_overrefusal.suite import forget_loaded, load_suite, schema_error
from pytest_overrefusal.yamlsource import load_yaml

COLLECT = ["suites/", "--collect-only", "-q", "--overrefusal-sample=100"]


def two_sides(label: str, sides: dict[str, Callable[[], Any]], rounds: int) -> None:
    """Run both sides ``rounds`` times, alternating which goes first; print totals and the ratio."""
    names = list(sides)
    walls = {name: 0.0 for name in names}
    outputs: dict[str, list[Any]] = {name: [] for name in names}
    for number in range(rounds):
        for name in names if number % 2 == 0 else reversed(names):
            started = time.perf_counter()
            outputs[name].append(sides[name]())
            walls[name] += time.perf_counter() - started
    for name in names:
        print(f"{label:8s} {name:10s} {walls[name] / rounds:7.3f} s per round ({rounds} rounds)", flush=True)
    slow, fast = names
    same = outputs[slow] == outputs[fast]
    print(
        f"{label:8s} ratio {slow}/{fast}: {walls[slow] / walls[fast]:.2f}x wall time; "
        f"same output {same}; load {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    if not same:
        raise SystemExit(f"{label}: the two sides gave different results")


def collect_once(tree: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree), os.environ.get("PYTHONPATH", "")])}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *COLLECT], cwd=tree, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    last = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode != 0:
        raise SystemExit(f"pytest --collect-only failed in {tree} ({done.returncode}):\n{done.stdout[-2000:]}")
    return wall, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=4, help="rounds per in-process comparison (default: 4)")
    parser.add_argument("--collect-runs", type=int, default=3, help="pytest --collect-only runs per tree (default: 3)")
    parser.add_argument("--against", type=Path, help="another checkout whose collection is timed alternately")
    args = parser.parse_args(argv)

    files = sorted((REPO / "suites").glob("*.suite.yaml"))
    print(f"machine: {machine_line()}; {len(files)} suite files", flush=True)

    def reference() -> list[Any]:
        return [load_suite(p, fast=False) for p in files]

    def fast() -> list[Any]:
        forget_loaded()
        return [load_suite(p) for p in files]

    prompts = sum(len(s) for s in fast())
    print(f"prompts: {prompts}", flush=True)
    two_sides("suites", {"reference": reference, "fast": fast}, args.rounds)
    two_sides(
        "yaml",
        {
            "composer": lambda: [(d.data, d.lines) for d in (load_yaml(p, SuiteError, fast=False) for p in files)],
            "events": lambda: [(d.data, d.lines) for d in (load_yaml(p, SuiteError) for p in files)],
        },
        args.rounds,
    )
    docs = [load_yaml(p, SuiteError) for p in files]
    two_sides(
        "schema",
        {
            "jsonschema": lambda: [schema_error(d, fast=False) for d in docs],
            "rs": lambda: [schema_error(d) for d in docs],
        },
        args.rounds,
    )
    started = time.perf_counter()
    forget_loaded()
    for p in files:
        load_suite(p)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for p in files:
        load_suite(p)
    print(f"memo     first read {first:.3f} s, read again {time.perf_counter() - started:.3f} s", flush=True)

    trees = [REPO] + ([args.against.resolve()] if args.against else [])
    walls: dict[Path, list[float]] = {tree: [] for tree in trees}
    for number in range(args.collect_runs):
        for tree in trees if number % 2 == 0 else reversed(trees):
            wall, last = collect_once(tree)
            walls[tree].append(wall)
            print(f"collect  {tree}: {wall:.2f} s ({last})", flush=True)
    for tree in trees:
        print(
            f"collect  {tree}: median {statistics.median(walls[tree]):.2f} s, best {min(walls[tree]):.2f} s "
            f"over {len(walls[tree])} runs; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
    if args.against:
        ratio = statistics.median(walls[trees[1]]) / statistics.median(walls[REPO])
        print(f"collect  ratio {trees[1].name}/{REPO.name}: {ratio:.2f}x wall time (medians)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
