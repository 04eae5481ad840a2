"""Refusal directions, margins, steering and boundary distances for local models.

A refusal direction is the difference in means of a model's residual stream between unsafe and safe
instructions at the post-instruction token positions (Arditi et al. 2024). Projected onto it, a
prompt's activation says how close the model is to refusing it (its *margin*); adding a multiple of it
during the forward pass (*steering*) finds how far a prompt sits from the refusal boundary.

Layer convention used everywhere in this package: **layer L is the residual stream entering decoder
block L**, i.e. transformers' ``hidden_states[L]`` (``hidden_states[0]`` are the embeddings) and
llama.cpp's ``l_out-(L-1)``. See docs/steering.md.

Nothing here is imported when pytest starts: the pytest side (``pytest_plugin``) imports these modules
only when a steering fixture or boundary item runs, and the modules that need numpy, torch,
transformers or llama_cpp import them inside functions.
"""

from __future__ import annotations

__all__: list[str] = []
