"""First-token scoring on transformers: the probability mass the first response token puts on given ids.

The model comes from the ``hf`` backend (same spec, options, chat template and fingerprint as
``--overrefusal-model hf:...``); prompts go through one left-padded forward pass per ``parallel`` of
them, with explicit positions so that a padded prompt scores as it would alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ...errors import BackendError
from ..base import GenerationRequest

if TYPE_CHECKING:
    from .backend import HFBackend

__all__ = ["HFScorer"]


class HFScorer:
    """First-token probabilities from a transformers model, in left-padded batches."""

    def __init__(
        self,
        arg: str | None,
        options: Mapping[str, str],
        *,
        backend_class: type[HFBackend],
        who: str = "logprob judge",
    ) -> None:
        # backend_class: handed in by HFEngine, so that this module does not import the backend that declares it
        self.who = who
        self.backend = backend_class.from_spec(arg, options)
        import torch

        self._torch = torch
        pad = self.backend.tokenizer.pad_token_id
        if pad is None:
            pad = self.backend.tokenizer.eos_token_id
        self._pad = int(pad) if pad is not None else 0

    def fingerprint(self) -> str:
        return self.backend.fingerprint()

    def tokenize(self, text: str) -> list[int]:
        tokens: list[int] = self.backend.tokenizer(text, add_special_tokens=False)["input_ids"]
        return tokens

    def ignorable(self, token: int) -> bool:
        tokenizer = self.backend.tokenizer
        return token == tokenizer.unk_token_id or not tokenizer.decode([token]).strip()

    def refusal_mass(self, requests: Sequence[GenerationRequest], ids: Sequence[Sequence[int]]) -> list[float | str]:
        torch = self._torch
        out: list[float | str] = ["not scored"] * len(requests)
        encoded: dict[int, list[int]] = {}
        for i, request in enumerate(requests):
            try:
                encoded[i] = self.backend.prompt_ids(request)
            except Exception as exc:  # a template's raise_exception() surfaces as an arbitrary jinja error
                out[i] = f"hf: chat template failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        # Similar lengths together, so little compute goes to padding.
        order = sorted(encoded, key=lambda i: len(encoded[i]))
        size = max(1, self.backend.parallel)
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            width = max(len(encoded[i]) for i in chunk)
            input_ids = torch.full((len(chunk), width), self._pad, dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for row, i in enumerate(chunk):
                input_ids[row, width - len(encoded[i]) :] = torch.tensor(encoded[i], dtype=torch.long)
                mask[row, width - len(encoded[i]) :] = 1
            # Explicit positions: a left-padded prompt must see the positions it would see alone.
            positions = (mask.cumsum(-1) - 1).clamp(min=0)
            device = self.backend.device
            try:
                with torch.inference_mode():
                    logits = self.backend.model(
                        input_ids=input_ids.to(device),
                        attention_mask=mask.to(device),
                        position_ids=positions.to(device),
                        use_cache=False,
                    ).logits[:, -1, :]
            except (RuntimeError, ValueError) as exc:
                raise BackendError(f"{self.who}: forward pass failed on {device}: {exc}") from None
            logp = torch.log_softmax(logits.float(), dim=-1).cpu()
            for row, i in enumerate(chunk):
                out[i] = float(logp[row, list(ids[i])].exp().sum())
        return out

    def close(self) -> None:
        self.backend.close()
