"""PASTA-style attention steering on transformers: pay less attention to the trigger words.

PASTA (Zhang et al. 2023, *Tell Your Model Where to Attend*) rescales the attention of selected heads
toward chosen tokens. Here the chosen tokens are a refused safe prompt's trigger words, and their
attention is scaled *down*: at every selected layer and head, the pre-softmax score of every query
toward a trigger token gets ``log(scale)`` added, i.e. the trigger's attention weight is multiplied by
``scale`` and the row is renormalised. Nothing else changes: the other keys keep their relative
weights, the other heads and layers are untouched (tested on the planted model), and the trigger's own
token still carries its meaning in its residual stream -- the model reads the word, it just attends
to it less.

It works through a forward pre-hook on each selected block's ``self_attn`` that adds a per-head bias
to the ``attention_mask`` argument (a float mask, built from the causal mask when transformers passes
none or a boolean one), for the prompt and for every generated token (the trigger keys keep their
columns in the KV cache). Attention runs in eager mode while steering, so any attention
implementation gives the same result.

Defaults (``DEFAULT_SCALE``, ``default_layers``): all heads of the middle half of the layers, scale
0.01. They were chosen a priori, not fitted: PASTA's own coefficient is 0.01 for the de-emphasised
tokens; the first layers build word meaning from the tokens around it and the last layers mostly
shape the output, so the middle half is where a word's role in the request is read. Profiling heads
per model, as PASTA does, is left to ``heads=``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...errors import ConfigError
from ...steering.segment import segment
from ..activations import DEFAULT_SCALE, AttentionSteering, SteeringPrompt, default_layers
from .blocks import decoder_blocks

__all__ = ["DEFAULT_SCALE", "AttentionSteering", "default_layers", "steered_generate", "trigger_token_positions"]


def _attention_modules(model: Any, layers: Sequence[int]) -> list[Any]:
    blocks = decoder_blocks(model)
    out = []
    for layer in layers:
        if not 0 <= layer < len(blocks):
            raise ConfigError(f"attention steering: layer {layer} is out of range (0..{len(blocks) - 1})")
        attn = getattr(blocks[layer], "self_attn", None) or getattr(blocks[layer], "attn", None)
        if attn is None:
            raise ConfigError(f"attention steering: block {layer} of {type(model).__name__} has no self_attn")
        out.append(attn)
    return out


def trigger_token_positions(steerable: Any, prompt: SteeringPrompt, words: Sequence[str]) -> list[int]:
    """Indices, in the rendered prompt's tokens, of the tokens overlapping ``words`` in the last user turn."""
    text = steerable.render(prompt)
    at = text.rfind(prompt.text)
    if at < 0:
        raise ConfigError("attention steering: the chat template does not contain the prompt text verbatim")
    wanted = {w.casefold() for w in words if w.strip()}
    spans = [(at + u.start, at + u.end) for u in segment(prompt.text) if u.text.casefold() in wanted]
    # Multi-word focus phrases and words inside units: fall back to a case-insensitive substring search.
    lowered = prompt.text.casefold()
    for w in wanted:
        start = lowered.find(w)
        while start >= 0:
            spans.append((at + start, at + start + len(w)))
            start = lowered.find(w, start + 1)
    encoded = steerable.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = encoded["input_ids"], encoded["offset_mapping"]
    if list(ids) != steerable.token_ids(text):
        raise ConfigError("attention steering: tokenizer offsets do not match the model's tokens")
    return sorted({i for i, (s, e) in enumerate(offsets) if e > s and any(s < b and e > a for a, b in spans)})


@contextlib.contextmanager
def steer_attention(model: Any, steering: AttentionSteering, keys: Mapping[int, Sequence[int]]) -> Iterator[None]:
    """Inside the block, row ``r``'s attention to key columns ``keys[r]`` is scaled by ``steering.scale``."""
    import torch

    bias_value = math.log(steering.scale)
    modules = _attention_modules(model, steering.layers)
    n_heads = int(model.config.num_attention_heads)
    heads = list(range(n_heads)) if steering.heads is None else list(steering.heads)
    if any(not 0 <= h < n_heads for h in heads):
        raise ConfigError(f"attention steering: heads must be in 0..{n_heads - 1}")

    def hook(_module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        hidden = args[0] if args else kwargs["hidden_states"]
        batch, q_len = hidden.shape[0], hidden.shape[1]
        mask = kwargs.get("attention_mask")
        if mask is not None and mask.dim() == 4:
            k_len = mask.shape[-1]
        else:
            cache = kwargs.get("cache") or kwargs.get("past_key_values")
            past = int(cache.get_seq_length(_module.layer_idx)) if cache is not None else 0
            k_len = past + q_len
        dtype = hidden.dtype
        floor = torch.finfo(dtype).min
        if mask is None or mask.dim() != 4:
            causal = torch.ones(q_len, k_len, dtype=torch.bool, device=hidden.device).tril(k_len - q_len)
            base = torch.zeros(batch, 1, q_len, k_len, dtype=dtype, device=hidden.device).masked_fill(~causal, floor)
        elif mask.dtype == torch.bool:
            base = torch.zeros(mask.shape, dtype=dtype, device=hidden.device).masked_fill(~mask, floor)
        else:
            base = mask.to(dtype)
        bias = torch.zeros(batch, n_heads, q_len, k_len, dtype=dtype, device=hidden.device)
        for row, columns in keys.items():
            cols = [c for c in columns if c < k_len]
            if cols:
                # (heads, 1) and (1, keys) broadcast to every (head, key) pair, for every query.
                h_index = torch.tensor(heads, device=hidden.device)[:, None]
                k_index = torch.tensor(cols, device=hidden.device)[None, :]
                bias[row, h_index, :, k_index] = bias_value
        new_mask = (base + bias).clamp(min=floor)
        kwargs = dict(kwargs)
        kwargs["attention_mask"] = new_mask
        return args, kwargs

    previous = getattr(model.config, "_attn_implementation", None)
    setter = getattr(model, "set_attn_implementation", None)
    handles = [m.register_forward_pre_hook(hook, with_kwargs=True) for m in modules]
    try:
        if callable(setter) and previous != "eager":
            setter("eager")
        yield
    finally:
        for h in handles:
            h.remove()
        if callable(setter) and previous not in (None, "eager"):
            setter(previous)


def steered_generate(
    steerable: Any,
    prompts: Sequence[SteeringPrompt],
    words: Sequence[Sequence[str]],
    steering: AttentionSteering,
    *,
    max_new_tokens: int,
) -> list[str]:
    """Greedy answers with each prompt's ``words`` de-emphasised (``steerable`` is an ``HFSteerableModel``)."""
    import torch

    out: list[str] = []
    for prompt, chosen in zip(prompts, words, strict=True):
        # One prompt per call: no padding, so key columns are token indices.
        ids, mask, _ = steerable.padded_inputs([steerable.encoded(prompt)[0]])
        positions = trigger_token_positions(steerable, prompt, chosen)
        with steer_attention(steerable.model, steering, {0: positions}), torch.no_grad():
            generated = steerable.model.generate(
                input_ids=ids,
                attention_mask=mask,
                max_new_tokens=max_new_tokens,
                do_sample=False,
                pad_token_id=steerable.pad_id,
            )
        out.append(steerable.tokenizer.decode(generated[0, ids.shape[1] :], skip_special_tokens=True))
    return out
