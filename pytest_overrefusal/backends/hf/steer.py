"""Activations and steering for transformers causal LMs, through hooks on the decoder blocks.

Reading layer ``L`` is a forward *pre*-hook on block ``L``: it sees the residual stream entering the
block, which is exactly ``hidden_states[L]`` of ``output_hidden_states=True`` (tested). Steering at
layer ``L`` is a pre-hook on the same block that adds ``alpha * v`` at every position, so what is read
at ``L`` while steering includes the added vector, as in llama.cpp where ``l_out`` includes the control
vector.

Prompts are batched with left padding and explicit position ids, so that a padded prompt gets the same
positions (and, up to float rounding, the same activations) as when it runs alone, and negative
position offsets address the same tokens in every row.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ...errors import ConfigError, MissingDependency
from ..activations import Steering, SteeringPrompt, common_prefix
from .blocks import decoder_blocks

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["HFSteerableModel", "decoder_blocks"]


def import_torch() -> Any:
    try:
        import torch
    except ImportError:
        raise MissingDependency("steering on transformers", "torch", "hf") from None
    return torch


def import_transformers() -> Any:
    try:
        import transformers
    except ImportError:
        raise MissingDependency("steering on transformers", "transformers", "hf") from None
    return transformers


class _StopForward(Exception):
    """Raised by a hook once every requested layer is captured: the rest of the forward pass is not needed."""


def _hidden_from(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    return args[0] if args else kwargs["hidden_states"]


def _with_hidden(args: tuple[Any, ...], kwargs: dict[str, Any], hidden: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    if args:
        return (hidden, *args[1:]), kwargs
    kwargs = dict(kwargs)
    kwargs["hidden_states"] = hidden
    return args, kwargs


class HFSteerableModel:
    """A transformers causal LM with its tokenizer (which must have a chat template)."""

    name = "hf"
    min_layer = 0

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        source: str = "in-memory model",
        fingerprint: str | None = None,
        batch_size: int = 8,
    ) -> None:
        self._torch = import_torch()
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.source = source
        self.batch_size = max(1, batch_size)
        self.blocks = decoder_blocks(model)
        self.n_layers = len(self.blocks)
        self.hidden_size = int(model.config.hidden_size)
        self.device = next(model.parameters()).device
        self.dtype = next(model.parameters()).dtype
        if not getattr(tokenizer, "chat_template", None):
            raise ConfigError(f"steering: the tokenizer of {source} has no chat template")
        pad = tokenizer.pad_token_id
        if pad is None:
            pad = tokenizer.eos_token_id
        self.pad_id = int(pad) if pad is not None else 0
        self._fingerprint = fingerprint
        self._rendered: dict[str, tuple[list[int], int]] = {}

    # -- identity ---------------------------------------------------------------------------------

    def fingerprint(self) -> str:
        if self._fingerprint is None:
            # An in-memory model has no file to hash: hash its weights (cheap for the small models
            # built in tests; models loaded from disk get their file hashes instead).
            digest = hashlib.sha256()
            with self._torch.no_grad():
                for name, tensor in sorted(self.model.state_dict().items()):
                    digest.update(name.encode())
                    digest.update(tensor.detach().to("cpu").contiguous().numpy().tobytes())
            template = str(self.tokenizer.chat_template).encode()
            template_hash = hashlib.sha256(template).hexdigest()[:16]
            self._fingerprint = f"hf:weights={digest.hexdigest()[:32]}|template={template_hash}"
        return self._fingerprint

    # -- tokens -----------------------------------------------------------------------------------

    def render(self, prompt: SteeringPrompt) -> str:
        try:
            text: str = self.tokenizer.apply_chat_template(prompt.chat(), tokenize=False, add_generation_prompt=True)
        except Exception as exc:  # jinja errors raised by the template itself (e.g. unsupported roles)
            raise ConfigError(f"steering: the chat template of {self.source} rejected {prompt.name!r}: {exc}") from None
        return text

    def _tokenize(self, text: str) -> list[int]:
        ids: list[int] = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        return ids

    def encoded(self, prompt: SteeringPrompt) -> tuple[list[int], int]:
        """Token ids of the rendered prompt and how many of them follow the user's last message."""
        key = prompt.digest()
        hit = self._rendered.get(key)
        if hit is not None:
            return hit
        text = self.render(prompt)
        ids = self._tokenize(text)
        end = text.rfind(prompt.text)
        if end < 0:
            raise ConfigError(
                f"steering: the chat template of {self.source} does not contain the prompt text verbatim; "
                f"cannot locate the post-instruction tokens of {prompt.name!r}"
            )
        end += len(prompt.text)
        count = len(ids) - common_prefix(ids, self._tokenize(text[:end]))
        if count < 1:
            raise ConfigError(f"steering: the chat template of {self.source} adds no tokens after the user message")
        self._rendered[key] = (ids, count)
        return ids, count

    def post_instruction_count(self, prompt: SteeringPrompt) -> int:
        return self.encoded(prompt)[1]

    def token_ids(self, text: str) -> list[int]:
        return self._tokenize(text)

    # -- forward passes ---------------------------------------------------------------------------

    def _batches(self, prompts: Sequence[SteeringPrompt]) -> Iterator[list[int]]:
        """Prompt indices in batches of similar length, so little compute goes to padding."""
        order = sorted(range(len(prompts)), key=lambda i: len(self.encoded(prompts[i])[0]))
        for start in range(0, len(order), self.batch_size):
            yield order[start : start + self.batch_size]

    def padded_inputs(self, rows: Sequence[list[int]]) -> tuple[Any, Any, Any]:
        torch = self._torch
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, width - len(row) :] = torch.tensor(row, dtype=torch.long)
            mask[i, width - len(row) :] = 1
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        return ids.to(self.device), mask.to(self.device), positions.to(self.device)

    @contextlib.contextmanager
    def _steering_hook(self, steering: Steering | None, alphas: Any) -> Iterator[None]:
        """Adds ``alphas[row] * vector`` to the stream entering block ``steering.layer`` (no-op without steering)."""
        if steering is None:
            yield
            return
        torch = self._torch
        vector = torch.as_tensor(steering.vector, dtype=self.dtype, device=self.device)
        scale = torch.as_tensor(alphas, dtype=self.dtype, device=self.device)

        def hook(_module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            hidden = _hidden_from(args, kwargs)
            # generate() reuses the hook for every decoding step; the batch size stays the same.
            added = scale.view(-1, *([1] * (hidden.dim() - 1))) * vector
            return _with_hidden(args, kwargs, hidden + added)

        handle = self.blocks[steering.layer].register_forward_pre_hook(hook, with_kwargs=True)
        try:
            yield
        finally:
            handle.remove()

    def _forward(
        self,
        prompts: Sequence[SteeringPrompt],
        *,
        layers: Sequence[int] = (),
        positions: Sequence[int] = (),
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
        logits: bool = False,
    ) -> tuple[NDArray[np.float64] | None, NDArray[np.float64] | None]:
        import numpy as np

        torch = self._torch
        n = len(prompts)
        acts = np.zeros((n, len(layers), len(positions), self.hidden_size)) if layers else None
        logp: NDArray[np.float64] | None = None
        alpha_all = np.zeros(n) if alphas is None else np.asarray(alphas, dtype=np.float64)
        if alpha_all.shape != (n,):
            raise ConfigError(f"steering: {alpha_all.shape[0]} alphas for {n} prompts")
        pos_index = list(positions)
        for batch in self._batches(prompts):
            rows = [self.encoded(prompts[i])[0] for i in batch]
            if pos_index and -min(pos_index) > min(len(r) for r in rows):
                raise ConfigError(f"steering: position {min(pos_index)} is before the start of a prompt")
            ids, mask, pos_ids = self.padded_inputs(rows)
            captured: dict[int, Any] = {}
            handles = []
            last = max(layers) if layers else -1

            def capture(layer: int, into: dict[int, Any], stop: bool) -> Callable[..., None]:
                def hook(_module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
                    into[layer] = _hidden_from(args, kwargs)[:, pos_index, :].detach().to(torch.float64)
                    if stop:
                        raise _StopForward

                return hook

            with self._steering_hook(steering, alpha_all[batch]):
                # Registered after the steering hook, so a capture at the steered layer sees the addition.
                for layer in sorted(set(layers)):
                    handles.append(
                        self.blocks[layer].register_forward_pre_hook(
                            capture(layer, captured, not logits and layer == last), with_kwargs=True
                        )
                    )
                try:
                    with torch.no_grad():
                        out = self.model(
                            input_ids=ids, attention_mask=mask, position_ids=pos_ids, use_cache=False, logits_to_keep=1
                        )
                    if logits:
                        last_logits = out.logits[:, -1, :].to(torch.float64)
                        rows_logp = torch.log_softmax(last_logits, dim=-1).cpu().numpy()
                        if logp is None:
                            logp = np.zeros((n, rows_logp.shape[1]))
                        logp[batch] = rows_logp
                except _StopForward:
                    pass
                finally:
                    for handle in handles:
                        handle.remove()
            if acts is not None:
                for j, layer in enumerate(layers):
                    acts[batch, j] = captured[layer].cpu().numpy()
        return acts, logp

    def activations(
        self,
        prompts: Sequence[SteeringPrompt],
        layers: Sequence[int],
        positions: Sequence[int],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> NDArray[np.float64]:
        for layer in layers:
            if not 0 <= layer < self.n_layers:
                raise ConfigError(f"steering: layer {layer} is out of range (0..{self.n_layers - 1})")
        if not positions or any(p >= 0 for p in positions):
            raise ConfigError("steering: positions are negative offsets from the end of the prompt (-1 is the last)")
        acts, _ = self._forward(prompts, layers=layers, positions=positions, steering=steering, alphas=alphas)
        assert acts is not None
        return acts

    def read(
        self, prompts: Sequence[SteeringPrompt], layers: Sequence[int], positions: Sequence[int]
    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Activations and first-token log-probabilities from one forward pass (fitting needs both)."""
        acts, logp = self._forward(prompts, layers=layers, positions=positions, logits=True)
        if acts is None or logp is None:
            raise ConfigError("steering: read() needs at least one prompt, layer and position")
        return acts, logp

    def next_token_logprobs(
        self,
        prompts: Sequence[SteeringPrompt],
        steering: Steering | None = None,
        alphas: Sequence[float] | None = None,
    ) -> NDArray[np.float64]:
        _, logp = self._forward(prompts, steering=steering, alphas=alphas, logits=True)
        if logp is None:
            import numpy as np

            return np.zeros((0, 0))
        return logp

    def generate(
        self,
        prompts: Sequence[SteeringPrompt],
        *,
        max_new_tokens: int,
        steering: Steering | None = None,
        alpha: float = 0.0,
    ) -> list[str]:
        torch = self._torch
        out: list[str] = [""] * len(prompts)
        for batch in self._batches(prompts):
            rows = [self.encoded(prompts[i])[0] for i in batch]
            ids, mask, _ = self.padded_inputs(rows)
            with self._steering_hook(steering, [alpha] * len(batch)), torch.no_grad():
                generated = self.model.generate(
                    input_ids=ids,
                    attention_mask=mask,
                    max_new_tokens=max_new_tokens,
                    do_sample=False,
                    pad_token_id=self.pad_id,
                )
            for j, i in enumerate(batch):
                out[i] = self.tokenizer.decode(generated[j, ids.shape[1] :], skip_special_tokens=True)
        return out

    def attention_steered_generate(
        self,
        prompts: Sequence[SteeringPrompt],
        words: Sequence[Sequence[str]],
        *,
        layers: tuple[int, ...],
        heads: tuple[int, ...] | None,
        scale: float,
        max_new_tokens: int,
    ) -> list[str]:
        """Greedy answers with each prompt's ``words`` de-emphasised (the ``steer attention`` capability)."""
        from ..activations import AttentionSteering
        from .attention import steered_generate

        steering = AttentionSteering(layers, heads, scale)
        return steered_generate(self, prompts, words, steering, max_new_tokens=max_new_tokens)

    def close(self) -> None:
        self._rendered.clear()
