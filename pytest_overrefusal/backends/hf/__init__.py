"""The transformers engine: everything that drives torch and transformers lives in this package.

Importing it loads no model library; torch and transformers are imported when a backend is built.
"""

from __future__ import annotations

from .backend import OPTIONS, HFBackend, create

__all__ = ["OPTIONS", "HFBackend", "create"]
