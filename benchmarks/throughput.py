"""Throughput of the llamacpp backend's batched generate against a plain create_chat_completion loop.

Both run the embedded SmolLM2-135M-Instruct on the same N prompts (from ``suites/*.suite.yaml``,
repeated when the suites hold fewer), greedy, with the same ``max_new_tokens`` and thread count::

    python benchmarks/throughput.py --n 200 --max-new-tokens 96

The prompts are processed in rounds of the backend's ``batch_size``; in each round the batched backend
and the plain loop take turns (alternating which goes first), so that both sides see the same machine
load even on a shared machine whose load drifts over the minutes a run takes. Prints wall time, CPU
time, generated tokens per second, and their ratios, after every round and at the end; then the wall
time of a warm re-run of ``--warm-rerun`` prompts (``warm_rerun.py``). Figures are recorded in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import Tally

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings
from pytest_overrefusal.backends.embedded import embedded_model_path
from pytest_overrefusal.backends.llamacpp import LlamaCppBackend, default_threads
from pytest_overrefusal.suite import load_suite

REPO = Path(__file__).resolve().parents[1]


def load_requests(n: int, settings: GenerationSettings, suites_dir: Path) -> list[GenerationRequest]:
    cases = [case for path in sorted(suites_dir.glob("*.suite.yaml")) for case in load_suite(path)]
    if not cases:
        raise SystemExit(f"no prompts: {suites_dir} has no *.suite.yaml files")
    return [case.request(settings) for case in itertools.islice(itertools.cycle(cases), n)]


def batched_side(args: argparse.Namespace) -> tuple[LlamaCppBackend, Callable[[list[GenerationRequest]], list[Any]]]:
    backend = LlamaCppBackend(
        embedded_model_path(),
        n_ctx=args.n_ctx,
        parallel=args.parallel,
        contexts=args.contexts,
        n_batch=args.n_batch,
        threads=args.threads,
        kv_unified=args.kv_unified,
    )

    def run(chunk: list[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        for generation in backend.generate(chunk):
            if generation.error is not None:
                raise SystemExit(f"batched backend error: {generation.error}")
            out.append((generation.text, generation.tokens or 0))
        return out

    return backend, run


def loop_side(args: argparse.Namespace) -> tuple[Any, Callable[[list[GenerationRequest]], list[Any]]]:
    from llama_cpp import Llama

    llm = Llama(
        str(embedded_model_path()),
        n_ctx=args.n_ctx,
        n_threads=args.threads,
        n_threads_batch=args.threads,
        verbose=False,
    )

    def run(chunk: list[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        for request in chunk:
            response: Any = llm.create_chat_completion(
                messages=request.chat(),  # type: ignore[arg-type]
                max_tokens=request.settings.max_new_tokens,
                temperature=0.0,
                repeat_penalty=1.0,
                seed=request.settings.seed,
            )
            out.append((str(response["choices"][0]["message"]["content"]), int(response["usage"]["completion_tokens"])))
        return out

    return llm, run


def timed(run: Callable[[list[GenerationRequest]], list[Any]], chunk: list[GenerationRequest], tally: Tally) -> None:
    wall0, cpu0 = time.perf_counter(), time.process_time()
    out = run(chunk)
    tally.wall += time.perf_counter() - wall0
    tally.cpu += time.process_time() - cpu0
    for text, tokens in out:
        tally.texts.append(text)
        tally.tokens += tokens


def report(label: str, tallies: dict[str, Tally]) -> None:
    for side, t in tallies.items():
        if t.wall:
            print(
                f"{label} {side:8s} wall {t.wall:8.1f} s  cpu {t.cpu:8.1f} s  {t.tokens:6d} tokens  "
                f"{t.rate():6.1f} tok/s",
                flush=True,
            )
    b, lp = tallies.get("batched"), tallies.get("loop")
    if b and lp and b.wall and lp.wall:
        same = sum(x == y for x, y in zip(b.texts, lp.texts, strict=True))
        print(
            f"{label} speedup  {b.rate() / lp.rate():.2f}x tokens/s (wall), "
            f"{(b.tokens / b.cpu) / (lp.tokens / lp.cpu):.2f}x tokens per CPU-second; "
            f"identical texts {same}/{len(b.texts)}",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=200, help="number of prompts (default 200)")
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--parallel", type=int, default=16, help="sequences decoded together")
    parser.add_argument("--contexts", type=int, default=1, help="llama contexts decoding in parallel threads")
    parser.add_argument("--n-batch", type=int, default=512)
    parser.add_argument("--n-ctx", type=int, default=1024, help="context per sequence")
    parser.add_argument("--threads", type=int, default=default_threads())
    parser.add_argument("--kv-unified", action="store_true", help="one KV cache shared by all sequences")
    parser.add_argument("--suites", type=Path, default=REPO / "suites")
    parser.add_argument("--only", choices=("batched", "loop"), help="run one side only")
    parser.add_argument(
        "--warm-rerun", type=int, default=500, metavar="N", help="then time a warm re-run of N prompts (0: skip)"
    )
    args = parser.parse_args(argv)

    settings = GenerationSettings(max_new_tokens=args.max_new_tokens, temperature=0.0, seed=0)
    requests = load_requests(args.n, settings, args.suites)
    print(
        f"{len(requests)} prompts, max_new_tokens={args.max_new_tokens}, threads={args.threads}, "
        f"parallel={args.parallel}, contexts={args.contexts}, n_batch={args.n_batch}, kv_unified={args.kv_unified}, "
        f"cpus={os.cpu_count()}, load={os.getloadavg()[0]:.1f}",
        flush=True,
    )
    backend, batched = batched_side(args)
    llm, loop = loop_side(args)
    sides = {"batched": batched, "loop": loop}
    if args.only:
        sides = {args.only: sides[args.only]}
    for run in sides.values():
        run(requests[:2])  # first-call costs (page-in of the weights) are not throughput
    tallies = {side: Tally() for side in sides}
    round_size = backend.batch_size
    for number, start in enumerate(range(0, len(requests), round_size)):
        chunk = requests[start : start + round_size]
        order = list(sides) if number % 2 == 0 else list(reversed(sides))
        for side in order:
            timed(sides[side], chunk, tallies[side])
        report(f"[{start + len(chunk):4d}/{len(requests)}, load {os.getloadavg()[0]:.1f}]", tallies)
    report("total", tallies)
    backend.close()
    llm.close()
    if args.warm_rerun:
        # The other half of the goal: how long a re-run takes once every answer is cached.
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import warm_rerun

        warm_rerun.main(["--n", str(args.warm_rerun)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
