"""The llamacpp backend with no options against the loop a user would write with llama-cpp-python.

Side ``plugin``: ``llamacpp`` built exactly as ``--overrefusal-model=llamacpp[:FILE]`` builds it with no
``--overrefusal-model-option`` (contexts and threads planned from the machine, see docs/backends.md).
Side ``loop``: ``Llama(FILE)`` at llama-cpp-python's defaults (``n_threads`` = half the CPUs, flash
attention off) and one ``create_chat_completion`` per prompt. Two departures from its defaults, both
to compare like with like: ``n_ctx`` (default 512, too small for the longest starter prompts plus the
answer; ``--loop-n-ctx``) and greedy decoding (``temperature=0``; its default 0.2 samples, which costs
the same per token but gives different answers). Both sides take the same N starter prompts from every
language, greedy, ``--max-new-tokens`` each, in interleaved rounds (``_common.interleave``)::

    python benchmarks/defaults_vs_loop.py --n 100 --max-new-tokens 96
    python benchmarks/defaults_vs_loop.py --n 100 --quant Q8_0 --quant Q4_K_M

``--early-stop`` adds a third side, ``plugin+stop``: the same backend stopping each answer once the
keywords judge's verdict is settled, as a plugin run does by default (``plugin`` is then a run with
``--overrefusal-full-responses``). With early stopping the plugin generates fewer tokens for the same
prompts, so compare wall times ("x wall time"), not tokens per second::

    python benchmarks/defaults_vs_loop.py --n 100 --max-new-tokens 96 --early-stop
    python benchmarks/defaults_vs_loop.py --n 100 --max-new-tokens 256 --early-stop

``--quant TYPE`` requantises the embedded Q4_1 file to TYPE with ``llama_model_quantize`` into a
temporary directory at benchmark time (what users' own GGUFs usually are, and where ggml has batched
CPU kernels) and runs the comparison on that copy; ``--quant none`` is the embedded file itself.
Figures are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleave, machine_line, mixed_cases, report

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings
from pytest_overrefusal.backends.embedded import embedded_model_path
from pytest_overrefusal.backends.llamacpp import create
from pytest_overrefusal.early_stop import EarlyStop
from pytest_overrefusal.judges.base import JudgeInput
from pytest_overrefusal.judges.keywords import create as create_keywords

QUANTS = {
    "none": None,
    "Q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0",
    "Q4_K_M": "LLAMA_FTYPE_MOSTLY_Q4_K_M",
    "Q4_0": "LLAMA_FTYPE_MOSTLY_Q4_0",
}


def requantise(source: Path, kind: str, directory: Path) -> Path:
    import llama_cpp

    target = directory / f"{source.stem}.{kind}.gguf"
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, QUANTS[kind])
    params.allow_requantize = True  # the source is already quantised (Q4_1)
    started = time.perf_counter()
    rc = llama_cpp.llama_model_quantize(str(source).encode(), str(target).encode(), params)
    if rc != 0:
        raise SystemExit(f"llama_model_quantize to {kind} failed with code {rc}")
    print(
        f"requantised {source.name} -> {kind}: {target.stat().st_size / 2**20:.0f} MiB in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return target


def plugin_side(path: Path, stop_judge: Any = None) -> tuple[Any, Any]:
    """The plugin's backend; with ``stop_judge``, answers stop once that judge's verdict is settled."""
    backend = create(str(path), {})
    print(f"plugin: {backend.plan.reason}, parallel={backend.parallel}, batch_size={backend.batch_size}", flush=True)

    def run(chunk: Sequence[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        extra: dict[str, Any] = {}
        if stop_judge is not None:
            inputs = [JudgeInput(r.messages, "", "en", r.system_prompt) for r in chunk]
            extra["settled"] = EarlyStop(stop_judge, inputs).checks(range(len(chunk)))
        for generation in backend.generate(list(chunk), **extra):
            if generation.error is not None:
                raise SystemExit(f"plugin side: {generation.error}")
            out.append((generation.text, generation.tokens or 0))
        return out

    return backend, run


def loop_side(path: Path, n_ctx: int) -> tuple[Any, Any]:
    from llama_cpp import Llama

    llm = Llama(str(path), n_ctx=n_ctx, verbose=False)
    print(f"loop: Llama(n_ctx={n_ctx}) defaults: n_threads={llm.n_threads}, n_batch={llm.n_batch}", flush=True)

    def run(chunk: Sequence[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        for request in chunk:
            response: Any = llm.create_chat_completion(
                messages=request.chat(),  # type: ignore[arg-type]
                max_tokens=request.settings.max_new_tokens,
                temperature=0.0,
            )
            out.append((str(response["choices"][0]["message"]["content"]), int(response["usage"]["completion_tokens"])))
        return out

    return llm, run


def compare(path: Path, requests: list[GenerationRequest], args: argparse.Namespace) -> float | None:
    backend, plugin = plugin_side(path)
    llm, loop = loop_side(path, args.loop_n_ctx)
    sides = {"plugin": plugin, "loop": loop}
    stopper = None
    if args.early_stop:
        # The keyword judge's language only picks which language evidence names; the rule is the same.
        stopper, sides["plugin+stop"] = plugin_side(path, create_keywords(None, {}))
    try:
        for run in sides.values():
            run(requests[:2])  # first-call costs (page-in of the weights, buffers) are not throughput
        round_size = args.round or len(requests)
        ratio, tallies = interleave(sides, requests, round_size, ("plugin", "loop"))
        if stopper is not None:
            report("early stopping", tallies, ("plugin+stop", "loop"))
            report("early stopping", tallies, ("plugin+stop", "plugin"))
        # How much of the answers the keywords judge reads (window 300 + scan 500 characters by default):
        # what stopping each answer at that length could save.
        texts = tallies["plugin"].texts
        longer = sum(len(t.lstrip()) >= 800 for t in texts)
        print(f"answers of 800+ characters (past what the keywords judge reads): {longer}/{len(texts)}", flush=True)
        return ratio
    finally:
        backend.close()
        llm.close()
        if stopper is not None:
            stopper.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="starter prompts, round-robin over languages (100)")
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--quant", action="append", choices=tuple(QUANTS), help="model copies to compare on")
    parser.add_argument("--round", type=int, default=50, help="prompts per interleaved round (0: all at once)")
    parser.add_argument(
        "--early-stop", action="store_true", help="also run the plugin with early stopping (side plugin+stop)"
    )
    parser.add_argument("--loop-n-ctx", type=int, default=2048, help="the loop's n_ctx (its default 512 is too small)")
    args = parser.parse_args(argv)

    settings = GenerationSettings(max_new_tokens=args.max_new_tokens, temperature=0.0, seed=0)
    requests = [case.request(settings) for case in mixed_cases(args.n)]
    print(f"{len(requests)} prompts, max_new_tokens={args.max_new_tokens}, {machine_line()}", flush=True)
    ratios: dict[str, float | None] = {}
    with tempfile.TemporaryDirectory(prefix="overrefusal-quant-") as tmp:
        for kind in args.quant or ["none"]:
            path = embedded_model_path() if QUANTS[kind] is None else requantise(embedded_model_path(), kind, Path(tmp))
            print(f"== {kind if QUANTS[kind] else path.name}", flush=True)
            ratios[kind] = compare(path, requests, args)
    print("summary: " + ", ".join(f"{k} {v:.2f}x" if v else f"{k} n/a" for k, v in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
