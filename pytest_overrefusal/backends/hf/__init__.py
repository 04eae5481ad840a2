"""The transformers engine: everything that drives torch and transformers lives in this package.

``backend`` loads and generates, ``score`` scores the first response token, ``steer`` reads and steers
the residual stream (``loading`` opens a model for it), ``attention`` steers attention, and ``engine``
declares those capabilities. Importing this package loads no model library.
"""

from __future__ import annotations

from ..capabilities import backend_factory
from .backend import OPTIONS, HFBackend, create

__all__ = ["OPTIONS", "HFBackend", "create"]

backend_factory(HFBackend)(create)
