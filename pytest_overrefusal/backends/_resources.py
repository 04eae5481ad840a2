"""What this process may use of the machine: CPUs, memory, and the pytest-xdist workers sharing them.

The local backends size themselves from these figures when the user passes no option (explicit
options always win). Every reader takes its file locations as arguments so that tests can fake
affinity masks, cgroup v1/v2 quota files and ``/proc/meminfo``; on a platform without them each
reader falls back to what the standard library knows, never raising.

CPUs: the smallest of the affinity mask (``os.sched_getaffinity``; ``taskset``, cpusets) and the
cgroup CPU quota (``cpu.max`` in v2, ``cpu.cfs_quota_us / cpu.cfs_period_us`` in v1, rounded up: a
container limited to 1.5 CPUs still runs two threads), divided among ``PYTEST_XDIST_WORKER_COUNT``
workers, since each worker loads its own copy of the model.

Memory: ``MemAvailable`` from ``/proc/meminfo``, lowered to what the cgroup's memory limit leaves.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CgroupPaths",
    "LlamaPlan",
    "available_memory",
    "cgroup_cpu_limit",
    "cgroup_memory_left",
    "cpu_share",
    "llama_kv_bytes",
    "plan_llamacpp",
    "usable_cpus",
    "xdist_workers",
]

_CGROUP_ROOT = Path("/sys/fs/cgroup")
_PROC_CGROUP = Path("/proc/self/cgroup")
_MEMINFO = Path("/proc/meminfo")
# cgroup v1 writes "no limit" as a huge page-aligned number rather than a word.
_V1_UNLIMITED = 1 << 60


@dataclass(frozen=True)
class CgroupPaths:
    """Where to read cgroup files; the defaults are the running process's own."""

    root: Path = _CGROUP_ROOT
    proc_cgroup: Path = _PROC_CGROUP


def _read(path: Path) -> str | None:
    try:
        return path.read_text().strip()
    except (OSError, UnicodeDecodeError):
        return None


def _memberships(paths: CgroupPaths) -> dict[str, str]:
    """controller name -> cgroup path from /proc/self/cgroup; v2's unified line is under ''."""
    out: dict[str, str] = {}
    for line in (_read(paths.proc_cgroup) or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        _, controllers, group = parts
        if not controllers:
            out[""] = group
        for name in controllers.split(","):
            if name:
                out[name] = group
    return out


def _candidates(base: Path, group: str) -> list[Path]:
    """The process's cgroup directory and its ancestors, innermost first.

    Inside a container the hierarchy is usually mounted at the group itself, so the group's path
    does not exist under the mount: then the mount point alone is the process's cgroup.
    """
    relative = [part for part in group.strip("/").split("/") if part]
    out = [base.joinpath(*relative[:depth]) for depth in range(len(relative), -1, -1)]
    existing = [path for path in out if path.is_dir()]
    if len(existing) < len(out) and base.is_dir():
        return [base]
    return existing


def _v1_dir(paths: CgroupPaths, controller: str) -> Path | None:
    for name in (controller, f"{controller},cpuacct", f"cpuacct,{controller}"):
        if (paths.root / name).is_dir():
            return paths.root / name
    return None


def cgroup_cpu_limit(paths: CgroupPaths | None = None) -> float | None:
    """CPUs the cgroup quota allows (e.g. 1.5), the tightest along the hierarchy; None when unlimited."""
    paths = paths or CgroupPaths()
    groups = _memberships(paths)
    limits: list[float] = []
    if "" in groups:
        for directory in _candidates(paths.root, groups[""]):
            fields = (_read(directory / "cpu.max") or "").split()
            if len(fields) == 2 and fields[0] != "max":
                try:
                    quota, period = int(fields[0]), int(fields[1])
                except ValueError:
                    continue
                if quota > 0 and period > 0:
                    limits.append(quota / period)
    base = _v1_dir(paths, "cpu")
    if "cpu" in groups and base is not None:
        for directory in _candidates(base, groups["cpu"]):
            try:
                quota = int(_read(directory / "cpu.cfs_quota_us") or "-1")
                period = int(_read(directory / "cpu.cfs_period_us") or "0")
            except ValueError:
                continue
            if quota > 0 and period > 0:
                limits.append(quota / period)
    return min(limits) if limits else None


def cgroup_memory_left(paths: CgroupPaths | None = None) -> int | None:
    """Bytes the cgroup's memory limit still leaves (limit - usage), tightest along the hierarchy."""
    paths = paths or CgroupPaths()
    groups = _memberships(paths)
    left: list[int] = []
    pairs: list[tuple[list[Path], str, str]] = []
    if "" in groups:
        pairs.append((_candidates(paths.root, groups[""]), "memory.max", "memory.current"))
    base = _v1_dir(paths, "memory")
    if "memory" in groups and base is not None:
        pairs.append((_candidates(base, groups["memory"]), "memory.limit_in_bytes", "memory.usage_in_bytes"))
    for directories, limit_name, usage_name in pairs:
        for directory in directories:
            raw = _read(directory / limit_name)
            if raw is None or raw == "max":
                continue
            try:
                limit = int(raw)
                usage = int(_read(directory / usage_name) or "0")
            except ValueError:
                continue
            if 0 < limit < _V1_UNLIMITED:
                left.append(max(0, limit - usage))
    return min(left) if left else None


def _affinity() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def usable_cpus(*, affinity: Callable[[], int] = _affinity, cgroup: CgroupPaths | None = None) -> int:
    """CPUs this process may run on: the affinity mask, lowered to the cgroup quota (rounded up)."""
    cpus = max(1, affinity())
    quota = cgroup_cpu_limit(cgroup)
    if quota is not None:
        cpus = min(cpus, max(1, math.ceil(quota - 1e-9)))
    return cpus


def xdist_workers(environ: dict[str, str] | None = None) -> int:
    """How many pytest-xdist workers share the machine (1 outside xdist or on a bad value)."""
    env = os.environ if environ is None else environ
    try:
        return max(1, int(env.get("PYTEST_XDIST_WORKER_COUNT", "1")))
    except ValueError:
        return 1


def cpu_share(cpus: int | None = None, workers: int | None = None) -> int:
    """CPUs for this process's backend: the usable CPUs divided among xdist workers, at least 1."""
    cpus = usable_cpus() if cpus is None else cpus
    workers = xdist_workers() if workers is None else workers
    return max(1, cpus // max(1, workers))


def available_memory(meminfo: Path = _MEMINFO, cgroup: CgroupPaths | None = None) -> int | None:
    """Bytes that can be allocated without swapping: MemAvailable, lowered to the cgroup's headroom."""
    found: int | None = None
    for line in (_read(meminfo) or "").splitlines():
        if line.startswith("MemAvailable:"):
            fields = line.split()
            try:
                found = int(fields[1]) * 1024  # the file says kB and means KiB
            except (IndexError, ValueError):
                found = None
            break
    left = cgroup_memory_left(cgroup)
    if left is not None:
        found = left if found is None else min(found, left)
    return found


@dataclass(frozen=True)
class LlamaPlan:
    """Contexts and threads per context for the llamacpp backend, and why."""

    contexts: int
    threads: int
    reason: str


# More single-threaded contexts than this gain little (each holds its own KV cache and competes for
# the same memory bandwidth); beyond it the CPUs go to threads within the contexts.
MAX_AUTO_CONTEXTS = 8
# KV caches may take this fraction of the memory available when the model loads; the rest is left
# for the compute buffers, the other xdist workers' share and whatever else runs.
KV_MEMORY_FRACTION = 0.5


def plan_llamacpp(
    share: int,
    *,
    contexts: int | None = None,
    threads: int | None = None,
    kv_bytes_per_context: int | None = None,
    memory: int | None = None,
    workers: int = 1,
) -> LlamaPlan:
    """Contexts x threads for ``share`` CPUs; ``contexts``/``threads`` given by the user are kept.

    One single-threaded context per CPU: independent contexts never wait for each other at ggml's
    spin barriers (a descheduled thread stalls the whole context), and on the development machine two
    one-thread contexts decoded 1.09x faster than one two-thread context (docs/performance.md). The
    number of contexts is capped by the KV cache each needs against ``KV_MEMORY_FRACTION`` of the
    available memory (split among xdist workers, which each hold their own), and by
    ``MAX_AUTO_CONTEXTS``, above which the spare CPUs become threads.
    """
    share = max(1, share)
    reasons = [f"{share} CPU{'s' if share != 1 else ''} for this process"]
    if contexts is None:
        if threads is not None:
            contexts = max(1, share // threads)
        else:
            contexts = min(share, MAX_AUTO_CONTEXTS)
        if kv_bytes_per_context and memory is not None:
            budget = int(memory * KV_MEMORY_FRACTION) // max(1, workers)
            fit = max(1, budget // kv_bytes_per_context)
            if fit < contexts:
                contexts = fit
                reasons.append(
                    f"{fit} KV cache{'s' if fit != 1 else ''} of {kv_bytes_per_context / 2**20:.0f} MiB fit in "
                    f"{KV_MEMORY_FRACTION:.0%} of {memory / 2**30:.1f} GiB available"
                )
    if threads is None:
        threads = max(1, share // contexts)
    reasons.append(f"contexts={contexts} x threads={threads}")
    return LlamaPlan(contexts=contexts, threads=threads, reason="; ".join(reasons))


def llama_kv_bytes(llama_cpp: Any, model: Any, n_tokens: int) -> int | None:
    """Bytes of an f16 K and V cache holding ``n_tokens`` tokens of a loaded llama.cpp model.

    Per token and layer, K and V each hold ``n_head_kv x head_dim`` values (grouped-query attention
    shares one KV head among several query heads); ``head_dim = n_embd / n_head``. None when the
    model does not say (e.g. recurrent architectures report no heads).
    """
    try:
        layers = int(llama_cpp.llama_model_n_layer(model))
        heads = int(llama_cpp.llama_model_n_head(model))
        kv_heads = int(llama_cpp.llama_model_n_head_kv(model))
        embd = int(llama_cpp.llama_model_n_embd(model))
    except (AttributeError, TypeError, ValueError):
        return None
    if min(layers, heads, kv_heads, embd) <= 0:
        return None
    return 2 * layers * kv_heads * (embd // heads) * 2 * n_tokens


# The hf backend's micro-batch ("parallel"): on a GPU, as many sequences as the KV cache of
# HF_SEQ_TOKENS tokens each fits in HF_GPU_FRACTION of the free memory (the rest is left to activations,
# logits and the allocator's fragmentation); on CPU, 4 sequences per core, where batched matmuls stop
# gaining once each core has a few rows.
HF_GPU_FRACTION = 0.5
HF_SEQ_TOKENS = 2048
HF_MAX_PARALLEL = 256


def plan_hf_parallel(*, share: int, free_gpu: int | None = None, seq_bytes: int | None = None) -> tuple[int, str]:
    """Sequences per ``model.generate`` call, and why."""
    if free_gpu is not None and seq_bytes:
        fit = int(free_gpu * HF_GPU_FRACTION) // seq_bytes
        parallel = max(1, min(HF_MAX_PARALLEL, fit))
        return parallel, (
            f"parallel={parallel}: KV caches of {seq_bytes / 2**20:.0f} MiB per sequence in "
            f"{HF_GPU_FRACTION:.0%} of {free_gpu / 2**30:.1f} GiB free on the GPU"
        )
    parallel = max(8, min(64, 4 * max(1, share)))
    return parallel, f"parallel={parallel}: 4 sequences for each of {share} CPUs (at least 8)"


def transformer_seq_bytes(config: Any, dtype_bytes: int, tokens: int = HF_SEQ_TOKENS) -> int | None:
    """KV cache bytes of one sequence of ``tokens`` tokens for a transformers model config, or None."""
    try:
        layers = int(config.num_hidden_layers)
        heads = int(config.num_attention_heads)
        kv_heads = int(getattr(config, "num_key_value_heads", None) or heads)
        head_dim = int(getattr(config, "head_dim", None) or int(config.hidden_size) // heads)
    except (AttributeError, TypeError, ValueError, ZeroDivisionError):
        return None
    if min(layers, kv_heads, head_dim) <= 0:
        return None
    return 2 * layers * kv_heads * head_dim * dtype_bytes * tokens
