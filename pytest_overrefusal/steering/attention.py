"""Attention steering's settings (the engine side is ``backends/hf/attention.py``).

PASTA (Zhang et al. 2023, *Tell Your Model Where to Attend*) rescales the attention of selected heads
toward chosen tokens; here a refused safe prompt's trigger words get their attention scaled *down*.
Defaults (``DEFAULT_SCALE``, ``default_layers``): all heads of the middle half of the layers, scale
0.01. They were chosen a priori, not fitted: PASTA's own coefficient is 0.01 for the de-emphasised
tokens; the first layers build word meaning from the tokens around it and the last layers mostly
shape the output, so the middle half is where a word's role in the request is read.
"""

from __future__ import annotations

# The settings travel to the engine with the ``steer attention`` capability, so they live beside it.
from ..backends.activations import DEFAULT_SCALE, AttentionSteering, default_layers

__all__ = ["DEFAULT_SCALE", "AttentionSteering", "default_layers"]
