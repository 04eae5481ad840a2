"""The llamacpp backend's option names and its thread default, shared by the backend, the first-token
scorer and the steerable model (one set of options serves all three)."""

from __future__ import annotations

from .._resources import cpu_share

__all__ = ["OPTIONS", "default_threads"]

OPTIONS = (
    "batch_size",
    "chat_template",
    "contexts",
    "flash_attn",
    "gpu_layers",
    "kv_unified",
    "n_batch",
    "n_ctx",
    "parallel",
    "threads",
    "threads_batch",
    "verbose",
)


def default_threads() -> int:
    """Half the CPUs this process may use (affinity and cgroup quota), shared among xdist workers; >= 1.

    The thread count the backend used before it planned contexts from the machine (``_resources``);
    kept for callers that run one multi-threaded context of their own.
    """
    return max(1, min(16, cpu_share() // 2))
