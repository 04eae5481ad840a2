"""Early stopping for the hf backend: a per-row ``StoppingCriteria`` that asks each row's stop check.

transformers ends each row of a batch on its own when a stopping criterion returns a per-row boolean
tensor (finished rows get padding from then on), so a settled row stops costing work in the rows
that follow it in ``generate`` and its answer is cut where its verdict settled.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._early_stop import CHECK_EVERY
from ..base import StopCheck

__all__ = ["settled_criteria"]


def settled_criteria(
    checks: Sequence[StopCheck | None], width: int, tokenizer: Any, eos_ids: Sequence[int]
) -> tuple[Any, dict[int, int]]:
    """A ``StoppingCriteria`` for rows whose prompts are left-padded to ``width``, and the dict it fills:
    row -> number of new tokens kept when that row stopped because its verdict was settled."""
    import torch
    from transformers import StoppingCriteria

    stopped: dict[int, int] = {}
    ends = set(eos_ids)

    class Settled(StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = torch.zeros(input_ids.shape[0], dtype=torch.bool, device=input_ids.device)
            produced = input_ids.shape[1] - width
            if produced <= 0 or produced % CHECK_EVERY:
                return done
            for row, check in enumerate(checks):
                if check is None or row in stopped:
                    continue
                ids = input_ids[row, width:].tolist()
                if any(t in ends for t in ids):
                    continue  # ended by the model already
                text = tokenizer.decode(ids, skip_special_tokens=True)
                if text.endswith("\ufffd"):
                    continue  # inside a multi-byte character: ask again with the whole character
                if check(text):
                    stopped[row] = produced
                    done[row] = True
            return done

    return Settled(), stopped
