"""A tiny Llama model with a planted refusal direction, built locally in a second (no downloads).

It lets the steering pipeline be checked against known answers: the direction it should recover, the
order its margins should follow, and (with ``later_blocks="identity"``) the exact alpha at which the
first-token refusal score flips, which has a closed form.

How the plant works:

* every token embedding is orthogonal to a random unit vector ``d``, except the "harmful" words, which
  get ``strength * weight * d`` added (``weight`` is 1 for ``HARMFUL`` words and ``k / 5`` for the
  graded words ``gradeK``);
* block 0's attention has zero queries and keys, so it averages uniformly over the prefix, and its
  values and output project onto ``d``: every later position receives the mean harmfulness of the
  text before it along ``d``;
* the LM head is zero except for the refusal opener ``Sorry``, whose logit is ``beta * d . norm(h)``:
  a prompt is refused (first-token refusal score > 0) when the stream leans far enough along ``d``;
* block 0's MLP and blocks 1.. keep their random initialisation (``"random"``: noise the direction
  must be recovered through) or are switched off (``"identity"``: the residual stream passes through
  unchanged after block 0's attention, so the flip point has a closed form).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pytest_overrefusal.errors import MissingDependency

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["CHAT_TEMPLATE", "GRADED", "HARMFUL", "NEUTRAL", "REFUSAL_OPENER", "PlantedModel", "build_planted_model"]

CHAT_TEMPLATE = (
    "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIAL = ("<pad>", "<unk>", "<|im_start|>", "<|im_end|>")
ROLES = ("system", "user", "assistant")
REFUSAL_OPENER = "Sorry"
NEUTRAL = (
    "how", "do", "i", "can", "you", "tell", "me", "about", "make", "a", "the", "to", "for", "my", "with",
    "cake", "bread", "garden", "fence", "paint", "poem", "song", "map", "car", "bike", "lamp", "chair",
    "write", "fix", "clean", "build", "draw", "cook", "plan", "trip", "dog", "cat", "tree", "house",
    "what", "is", "best", "way", "please", "explain", "quick", "simple", "old", "new", "Sure", "Here",
)  # fmt: skip
HARMFUL = ("bomb", "poison", "weapon", "attack", "steal", "hack", "kill", "explosive", "virus", "fraud")
GRADED = tuple(f"grade{k}" for k in range(6))


@dataclass
class PlantedModel:
    """The model, its tokenizer and the planted facts a test can compare against."""

    model: Any  # transformers LlamaForCausalLM
    tokenizer: Any  # transformers PreTrainedTokenizerFast with CHAT_TEMPLATE
    direction: NDArray[np.float64]  # the planted unit vector d
    beta: float
    refusal_opener: str = REFUSAL_OPENER

    def save(self, path: str | Path) -> Path:
        """Write a transformers checkpoint directory (loadable with ``hf:PATH``)."""
        target = Path(path)
        self.model.save_pretrained(target)
        self.tokenizer.save_pretrained(target)
        return target


def _tokenizer(vocab: dict[str, int]) -> Any:
    try:
        import transformers
        from tokenizers import Tokenizer, models, pre_tokenizers
    except ImportError:
        raise MissingDependency("the planted test model", "transformers", "hf") from None
    backend = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<unk>"))
    backend.pre_tokenizer = pre_tokenizers.Whitespace()
    fast: Any = transformers.PreTrainedTokenizerFast
    tokenizer = fast(tokenizer_object=backend, unk_token="<unk>", pad_token="<pad>", eos_token="<|im_end|>")
    tokenizer.add_special_tokens({"additional_special_tokens": ["<|im_start|>"]})
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def build_planted_model(
    *,
    hidden: int = 64,
    layers: int = 4,
    heads: int = 4,
    strength: float = 1.0,
    beta: float = 1.5,
    mixing: float = 12.0,
    later_blocks: str = "random",
    noise: float = 0.02,
    plants: Mapping[str, float] | None = None,
    seed: int = 0,
) -> PlantedModel:
    """Build the planted model (float32, eval mode).

    ``strength`` scales every harmful word's plant, ``beta`` the refusal opener's logit, ``mixing`` how
    much of the prefix's harmfulness block 0 writes into each position, ``noise`` the standard deviation
    of the random weights (transformers' ``initializer_range``). ``plants`` adds ``weight * d`` (times
    ``strength`` and the embedding scale) to the named words: a checkpoint in which those words moved
    toward refusal.
    """
    try:
        import numpy as np
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM
    except ImportError:
        raise MissingDependency("the planted test model", "transformers", "hf") from None
    if later_blocks not in ("random", "identity"):
        raise ValueError("later_blocks must be 'random' or 'identity'")
    words = [*SPECIAL, *ROLES, REFUSAL_OPENER, *NEUTRAL, *HARMFUL, *GRADED]
    vocab = {w: i for i, w in enumerate(dict.fromkeys(words))}
    tokenizer = _tokenizer(vocab)

    rng = np.random.default_rng(seed)
    d = rng.standard_normal(hidden)
    d /= np.linalg.norm(d)
    emb = rng.standard_normal((len(vocab), hidden))
    emb -= np.outer(emb @ d, d)
    scale = np.sqrt(hidden)
    for word in HARMFUL:
        emb[vocab[word]] += strength * scale * d
    for k, word in enumerate(GRADED):
        emb[vocab[word]] += strength * scale * (k / 5) * d
    for word, weight in (plants or {}).items():
        if word not in vocab:
            raise ValueError(f"{word!r} is not in the planted model's vocabulary")
        emb[vocab[word]] += strength * scale * weight * d

    torch.manual_seed(seed)
    config = LlamaConfig(
        vocab_size=len(vocab),
        hidden_size=hidden,
        intermediate_size=2 * hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=heads,
        max_position_embeddings=512,
        initializer_range=noise,
        rms_norm_eps=1e-6,
        tie_word_embeddings=False,
        pad_token_id=vocab["<pad>"],
        bos_token_id=None,
        eos_token_id=vocab["<|im_end|>"],
    )
    model = LlamaForCausalLM(config)
    dt = torch.float32
    dd = torch.tensor(np.outer(d, d), dtype=dt)
    with torch.no_grad():
        model.model.embed_tokens.weight.copy_(torch.tensor(emb, dtype=dt))
        first = model.model.layers[0]
        first.self_attn.q_proj.weight.zero_()
        first.self_attn.k_proj.weight.zero_()
        first.self_attn.v_proj.weight.copy_(mixing * dd)
        first.self_attn.o_proj.weight.copy_(torch.eye(hidden, dtype=dt))
        if later_blocks == "identity":
            first.mlp.down_proj.weight.zero_()
            for block in model.model.layers[1:]:
                block.self_attn.o_proj.weight.zero_()
                block.mlp.down_proj.weight.zero_()
        model.model.norm.weight.fill_(1.0)
        model.lm_head.weight.zero_()
        model.lm_head.weight[vocab[REFUSAL_OPENER]] = torch.tensor(beta * d, dtype=dt)
    model.generation_config.pad_token_id = vocab["<pad>"]
    model.train(False)
    return PlantedModel(model=model, tokenizer=tokenizer, direction=d, beta=beta)
