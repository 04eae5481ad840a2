"""Issue 16's done-when, end to end: the pytest command with no model option against the plain loop.

Side ``pytest``: ``pytest suites/ --overrefusal-sample=N --overrefusal-max-new-tokens=T
--overrefusal-no-cache`` in a subprocess, exactly as a user types it (collection of every starter
prompt, model load, generation, judging with the default judge, JSON report), timed from start to exit.
Side ``loop``: the ten lines a user would write instead, on **the same prompts** (read back from the
run's JSON record, with their system prompts): ``Llama(FILE, n_ctx=...)`` at llama-cpp-python's other
defaults and one greedy ``create_chat_completion`` per prompt, timed from loading the model to the last
answer (no judging, no report). The sides alternate over ``--rounds`` rounds, which side goes first
alternating too, and the script prints both sides' wall times and their ratio::

    python benchmarks/pytest_vs_loop.py --n 100 --max-new-tokens 96

Figures are recorded in docs/performance.md.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import REPO, machine_line

from pytest_overrefusal.backends.embedded import embedded_model_path


def pytest_side(n: int, max_new_tokens: int, record: Path) -> tuple[float, list[dict[str, Any]]]:
    """Wall time of the done-when command, and the results it recorded."""
    command = [
        sys.executable, "-m", "pytest", "suites/", f"--overrefusal-sample={n}",
        f"--overrefusal-max-new-tokens={max_new_tokens}", "--overrefusal-no-cache",
        f"--overrefusal-json={record}", "-q", "-p", "no:cacheprovider",
    ]  # fmt: skip
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if not record.is_file():  # a gate failing is exit 1 and fine; no record means the run broke
        raise SystemExit(f"pytest side wrote no record (exit {done.returncode}):\n{done.stdout[-3000:]}")
    results: list[dict[str, Any]] = json.loads(record.read_text())["results"]
    errors = [r for r in results if r.get("error")]
    if errors:
        raise SystemExit(f"pytest side: {len(errors)} backend errors, e.g. {errors[0]['error']}")
    return wall, results


def loop_side(results: list[dict[str, Any]], max_new_tokens: int, n_ctx: int) -> tuple[float, int]:
    """Wall time of the plain loop over the same conversations, and the tokens it generated."""
    from llama_cpp import Llama

    started = time.perf_counter()
    llm = Llama(str(embedded_model_path()), n_ctx=n_ctx, verbose=False)
    tokens = 0
    try:
        for result in results:
            messages = list(result["messages"])
            if result.get("system_prompt"):
                messages.insert(0, {"role": "system", "content": result["system_prompt"]})
            response: Any = llm.create_chat_completion(messages=messages, max_tokens=max_new_tokens, temperature=0.0)
            tokens += int(response["usage"]["completion_tokens"])
    finally:
        llm.close()
    return time.perf_counter() - started, tokens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="--overrefusal-sample (100)")
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds of both sides (1)")
    parser.add_argument("--loop-n-ctx", type=int, default=2048, help="the loop's n_ctx (its default 512 is too small)")
    args = parser.parse_args(argv)
    print(f"--overrefusal-sample={args.n}, max_new_tokens={args.max_new_tokens}, {machine_line()}", flush=True)
    walls: dict[str, float] = {"pytest": 0.0, "loop": 0.0}
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="overrefusal-bench-") as tmp:
        for round_ in range(args.rounds):
            # The sample is deterministic (seed 0), so every pytest run takes the same prompts; the loop
            # needs them first, hence round 1 starts with pytest and later rounds alternate.
            order = ("pytest", "loop") if round_ % 2 == 0 else ("loop", "pytest")
            for side in order:
                if side == "pytest":
                    wall, results = pytest_side(args.n, args.max_new_tokens, Path(tmp) / f"run{round_}.json")
                    tokens = sum(int(r.get("tokens") or 0) for r in results)
                else:
                    wall, tokens = loop_side(results, args.max_new_tokens, args.loop_n_ctx)
                walls[side] += wall
                print(f"round {round_ + 1}: {side:6s} {wall:7.1f} s, {tokens} tokens, {machine_line()}", flush=True)
    print(
        f"pytest {walls['pytest']:.1f} s, loop {walls['loop']:.1f} s "
        f"(same {len(results)} prompts, {args.rounds} round(s)): "
        f"pytest is {walls['loop'] / walls['pytest']:.2f}x the loop",
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
