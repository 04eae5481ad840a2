"""The hf backend against a raw ``model.generate`` loop on the same prompts and the same loaded model.

Side ``plugin``: ``hf`` built as ``--overrefusal-model=hf[:MODEL]`` builds it with no options (its
micro-batch planned from free GPU memory or the usable CPUs, see docs/backends.md), generating the
whole round. Side ``raw``: what a user writes without the plugin, one ``model.generate`` per prompt
through the tokenizer's chat template, greedy, on the backend's own model object (loaded once, so
only generation is compared). Interleaved rounds, both sides and the ratio from one run::

    python benchmarks/hf_vs_generate.py --n 32 --max-new-tokens 48             # CPU here
    python benchmarks/hf_vs_generate.py --n 100 --max-new-tokens 96 --model DIR  # a GPU box

Absolute times are only meaningful on a GPU; on a CPU the ratio is the figure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import interleave, machine_line, mixed_cases

from pytest_overrefusal.backends.base import GenerationRequest, GenerationSettings
from pytest_overrefusal.backends.hf import create


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=32)
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--model", default=None, help="hf model directory or .gguf (default: the embedded model)")
    parser.add_argument("--round", type=int, default=0, help="prompts per interleaved round (0: the backend's batch)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    backend = create(args.model, {})
    torch = backend._torch
    card = torch.cuda.get_device_name(0) if backend.device.startswith("cuda") else "cpu"
    print(
        f"loaded in {time.perf_counter() - started:.1f} s on {backend.device} ({card}), {backend.plan}, "
        f"torch threads {torch.get_num_threads()}; {machine_line()}",
        flush=True,
    )
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    requests = [case.request(settings) for case in mixed_cases(args.n)]
    model, tokenizer = backend.model, backend.tokenizer

    def plugin(chunk: Sequence[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        for generation in backend.generate(list(chunk)):
            if generation.error is not None:
                raise SystemExit(f"plugin side: {generation.error}")
            out.append((generation.text, generation.tokens or 0))
        return out

    def raw(chunk: Sequence[GenerationRequest]) -> list[tuple[str, int]]:
        out = []
        for request in chunk:
            ids: Any = tokenizer.apply_chat_template(
                request.chat(), add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
            with torch.inference_mode():
                output = model.generate(
                    **ids.to(backend.device),
                    max_new_tokens=args.max_new_tokens,
                    do_sample=False,
                    pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
                )
            new = output[0, ids["input_ids"].shape[1] :].tolist()
            ends = set(backend._eos_ids)
            kept = new[: next((i for i, t in enumerate(new) if t in ends), len(new))]
            out.append((tokenizer.decode(kept, skip_special_tokens=True), len(kept)))
        return out

    for side in (plugin, raw):
        side(requests[:2])  # warm-up
    _ = interleave({"plugin": plugin, "raw": raw}, requests, args.round or backend.batch_size, ("plugin", "raw"))
    backend.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
