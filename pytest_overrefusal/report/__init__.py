"""Reports rendered from a run record: the self-contained HTML report."""

from __future__ import annotations

from .html import render_html, write_html

__all__ = ["render_html", "write_html"]
