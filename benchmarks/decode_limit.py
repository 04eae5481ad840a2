"""The physical limit: tokens/s of batched ``llama_decode`` steps over 16 sequences, and the plugin's share.

Builds the llamacpp backend with no options (so with the contexts x threads it plans for this
machine), fills every context's 16 sequences with a real ~100-token starter prompt, and times
``--steps`` decode steps of one token per sequence in every context at once (one Python thread per
context, as the backend runs them). Nothing else happens in those steps: no sampling, no detokenising,
no admission of new prompts, no prompt processing. Their rate is the most tokens per second this
model file can produce here with this many contexts; a single-sequence step is timed for reference.

Then the backend's own ``generate`` runs on ``--n`` starter prompts x ``--max-new-tokens`` and the
script prints the fraction of the limit it reaches end to end (prompt processing included, which the
limit leaves out, so 100% is out of reach by construction)::

    python benchmarks/decode_limit.py --n 100 --max-new-tokens 96
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine_line, mixed_cases

from pytest_overrefusal.backends.base import GenerationSettings
from pytest_overrefusal.backends.llamacpp import LlamaCppBackend, create


def step_rate(backend: LlamaCppBackend, prompt: list[int], sequences: int, steps: int) -> float:
    """Generated tokens per second of ``steps`` decode steps of ``sequences`` sequences in every context."""
    llama = backend.bindings
    contexts = backend.context_handles
    barrier = threading.Barrier(len(contexts) + 1)
    errors: list[str] = []

    def work(ctx: Any) -> None:
        batch = llama.llama_batch_init(max(len(prompt), sequences), 0, 1)
        memory = llama.llama_get_memory(ctx)
        try:
            llama.llama_memory_clear(memory, True)

            def decode(items: list[tuple[int, int, int]]) -> None:
                for i, (token, pos, seq) in enumerate(items):
                    batch.token[i], batch.pos[i], batch.n_seq_id[i] = token, pos, 1
                    batch.seq_id[i][0], batch.logits[i] = seq, 1
                batch.n_tokens = len(items)
                if llama.llama_decode(ctx, batch) != 0:
                    errors.append("llama_decode failed")

            for seq in range(sequences):  # prompt processing, not timed
                decode([(t, p, seq) for p, t in enumerate(prompt)])
            barrier.wait()
            for step in range(steps):
                decode([(prompt[step % len(prompt)], len(prompt) + step, seq) for seq in range(sequences)])
            barrier.wait()
        finally:
            llama.llama_memory_clear(memory, True)
            llama.llama_batch_free(batch)

    threads = [threading.Thread(target=work, args=(ctx,), daemon=True) for ctx in contexts]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    barrier.wait()
    seconds = time.perf_counter() - started
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(errors[0])
    return len(contexts) * sequences * steps / seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--max-new-tokens", type=int, default=96)
    parser.add_argument("--steps", type=int, default=64, help="timed decode steps (default 64)")
    parser.add_argument("--model", default=None, help="a .gguf file (default: the embedded model)")
    args = parser.parse_args(argv)

    backend = create(args.model, {})
    print(f"{machine_line()}; {backend.plan.reason}, parallel={backend.parallel}", flush=True)
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens)
    requests = [case.request(settings) for case in mixed_cases(args.n)]
    prompts = sorted((backend.prompt_tokens(r) for r in requests), key=len)
    prompt = min(prompts, key=lambda p: abs(len(p) - 100))  # a typical starter prompt
    single = step_rate(backend, prompt, 1, args.steps) / len(backend.context_handles)
    limit = step_rate(backend, prompt, backend.parallel, args.steps)
    print(f"decode step, 1 sequence, 1 context: {single:7.1f} tok/s", flush=True)
    print(
        f"decode step, {backend.parallel} sequences x {len(backend.context_handles)} contexts "
        f"({len(prompt)}-token prompts): {limit:7.1f} tok/s  <- the limit",
        flush=True,
    )
    backend.generate(requests[:2])
    started = time.perf_counter()
    generations = backend.generate(requests)
    seconds = time.perf_counter() - started
    tokens = sum(g.tokens or 0 for g in generations)
    backend.close()
    rate = tokens / seconds
    print(
        f"plugin generate, {len(requests)} prompts x {args.max_new_tokens}: {seconds:.1f} s, {tokens} tokens, "
        f"{rate:.1f} tok/s = {rate / limit:.0%} of the limit"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
