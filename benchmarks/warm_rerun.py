"""Wall time of a pytest re-run served entirely from the generation cache (issue 3's warm re-run goal).

Writes N prompts of the starter suites (default 500) into a temporary project, fills a cache for the
embedded model, and times ``pytest`` on that project as a user would run it (a subprocess: interpreter
start, plugin import, collection, model load for the fingerprint, cache reads, judging, JSON output)::

    python benchmarks/warm_rerun.py                # cache seeded directly: fast to prepare
    python benchmarks/warm_rerun.py --fill generate  # cache filled by a real first run (minutes)

``--fill seed`` writes one cache entry per prompt under the keys the plugin computes for the embedded
model with default settings, then runs pytest once (timed and printed on its own) so that verdicts
are cached too, as after a real first run; the re-run cannot tell how an entry got there, so the
timed run is the same. The script checks in the results file that every prompt was served from the
cache.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from pytest_overrefusal.backends.base import Generation, GenerationSettings
from pytest_overrefusal.cache import GenerationCache, cache_key
from pytest_overrefusal.registry import BACKEND_GROUP, build
from pytest_overrefusal.suite import Case, find_suite_files, load_suite

REPO = Path(__file__).resolve().parents[1]


def take_cases(n: int) -> list[Case]:
    cases = [c for path in find_suite_files([REPO / "suites"]) for c in load_suite(path)]
    if len(cases) < n:
        raise SystemExit(f"the starter suites hold {len(cases)} prompts, fewer than {n}")
    return cases[:n]


def write_project(cases: list[Case], root: Path) -> None:
    kept = {c.key for c in cases}
    by_suite: dict[str, list[dict[str, Any]]] = {}
    for c in cases:
        entry: dict[str, Any] = {"id": c.id, "label": c.label, "language": c.language, "category": c.category}
        if c.multi_turn:
            entry["messages"] = [m.to_dict() for m in c.messages]
        else:
            entry["prompt"] = c.prompt
        if c.focus:
            entry["focus"] = list(c.focus)
        if c.contrast and (c.suite, c.contrast) in kept:
            entry["contrast"] = c.contrast
        if c.system_prompt is not None:
            entry["system_prompt"] = c.system_prompt
        by_suite.setdefault(c.suite, []).append(entry)
    for name, prompts in by_suite.items():
        text = yaml.safe_dump({"suite": name, "prompts": prompts}, allow_unicode=True, sort_keys=False)
        (root / f"{name}.suite.yaml").write_text(text, encoding="utf-8")


def seed(cases: list[Case], cache_dir: Path) -> None:
    backend = build(BACKEND_GROUP, "llamacpp")
    fingerprint = backend.fingerprint()
    backend.close()
    cache = GenerationCache(cache_dir)
    settings = GenerationSettings()
    for i, c in enumerate(cases):
        text = "I'm sorry, but I can't help with that." if i % 3 == 0 else "Sure. Here is a short answer to that."
        cache.put(cache_key(fingerprint, c.request(settings, None)), Generation(text=text, tokens=12))


def pytest_run(project: Path, cache_dir: Path, out: Path) -> float:
    command = [
        sys.executable, "-m", "pytest", str(project), "-q", "-p", "no:cacheprovider",
        f"--overrefusal-cache-dir={cache_dir}", f"--overrefusal-json={out}", "--overrefusal-report-only",
    ]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(command, cwd=project, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--fill", choices=("seed", "generate"), default="seed")
    parser.add_argument("--repeat", type=int, default=3, help="timed warm runs (the best and median are printed)")
    args = parser.parse_args(argv)
    cases = take_cases(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        project, cache_dir = root / "project", root / "cache"
        project.mkdir()
        write_project(cases, project)
        if args.fill == "seed":
            seed(cases, cache_dir)
            # A real first run caches verdicts as well as generations; this one judges every seeded
            # answer, as a re-run does after the judge changed (its phrases, options or version).
            rejudge = pytest_run(project, cache_dir, root / "rejudge.json")
            print(f"re-run with generations cached, verdicts not (judge changed): {rejudge:.2f} s")
        else:
            cold = pytest_run(project, cache_dir, root / "cold.json")
            print(f"cold run (generating {len(cases)} prompts): {cold:.1f} s")
        times = []
        for i in range(args.repeat):
            out = root / f"warm{i}.json"
            times.append(pytest_run(project, cache_dir, out))
            results = json.loads(out.read_text())["results"]
            served = sum(1 for r in results if r["cached"])
            if served != len(cases):
                print(f"warning: only {served} of {len(cases)} prompts came from the cache", file=sys.stderr)
        times.sort()
        print(
            f"warm re-run of {len(cases)} prompts: best {times[0]:.2f} s, "
            f"median {times[len(times) // 2]:.2f} s (target < 5 s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
