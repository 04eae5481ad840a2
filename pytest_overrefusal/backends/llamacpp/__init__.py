"""The llama.cpp engine: everything that drives llama-cpp-python lives in this package.

``backend`` generates, ``decoder`` runs the batched decoding loop, ``context`` owns contexts, batches
and their free order, ``model`` loads the bindings and reads vocabulary and chat template, ``options`` names the
options, ``score``
scores the first response token, ``steer`` reads activations and adds control vectors, and ``engine``
declares those capabilities. Importing this package loads no model library.
"""

from __future__ import annotations

from ..capabilities import backend_factory
from .backend import LlamaCppBackend, create
from .options import OPTIONS, default_threads

__all__ = ["OPTIONS", "LlamaCppBackend", "create", "default_threads"]

backend_factory(LlamaCppBackend)(create)
