"""The steering plugin's pytest side: options, runtime, boundary items, fixtures and controller.

Its entry point is ``pytest_overrefusal.steering.pytest_plugin`` (``pytest11`` name
``overrefusal-steering``), a thin set of hookimpls over these modules. The steering domain code
(directions, margins, boundary search) lives in ``pytest_overrefusal.steering`` and never imports pytest.
"""

from __future__ import annotations

__all__: list[str] = []
