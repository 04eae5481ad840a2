"""The llama.cpp engine: everything that drives llama-cpp-python lives in this package.

Importing it loads no model library; llama_cpp is imported when a backend is built.
"""

from __future__ import annotations

from .backend import OPTIONS, LlamaCppBackend, create, default_threads

__all__ = ["OPTIONS", "LlamaCppBackend", "create", "default_threads"]
