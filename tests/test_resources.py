"""Machine resources for the local backends' defaults, read from faked affinity, cgroup and meminfo files."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from pytest_overrefusal.backends import _resources as res
from pytest_overrefusal.backends._resources import CgroupPaths


def cgroup_v2(tmp_path: Path, group: str = "/user.slice/job", **files: str) -> CgroupPaths:
    root = tmp_path / "cgroup"
    directory = root.joinpath(*[p for p in group.split("/") if p])
    directory.mkdir(parents=True)
    for name, text in files.items():
        (directory / name.replace("_", ".", 1)).write_text(text + "\n")
    proc = tmp_path / "proc_cgroup"
    proc.write_text(f"0::{group}\n")
    return CgroupPaths(root=root, proc_cgroup=proc)


def test_v2_quota_is_read_and_rounded_up(tmp_path: Path) -> None:
    paths = cgroup_v2(tmp_path, cpu_max="150000 100000")
    assert res.cgroup_cpu_limit(paths) == pytest.approx(1.5)
    # 1.5 CPUs still run two threads; the affinity mask of 16 is lowered to that.
    assert res.usable_cpus(affinity=lambda: 16, cgroup=paths) == 2


def test_v2_unlimited_quota_keeps_the_affinity_mask(tmp_path: Path) -> None:
    paths = cgroup_v2(tmp_path, cpu_max="max 100000")
    assert res.cgroup_cpu_limit(paths) is None
    assert res.usable_cpus(affinity=lambda: 6, cgroup=paths) == 6


def test_v2_tightest_ancestor_wins(tmp_path: Path) -> None:
    paths = cgroup_v2(tmp_path, cpu_max="800000 100000")
    (paths.root / "user.slice" / "cpu.max").write_text("300000 100000\n")
    assert res.cgroup_cpu_limit(paths) == pytest.approx(3.0)
    assert res.usable_cpus(affinity=lambda: 64, cgroup=paths) == 3


def test_v2_namespaced_container_reads_the_mount_point(tmp_path: Path) -> None:
    # Inside a container /proc/self/cgroup names a path that does not exist under the mount.
    root = tmp_path / "cgroup"
    root.mkdir()
    (root / "cpu.max").write_text("200000 100000\n")
    proc = tmp_path / "proc_cgroup"
    proc.write_text("0::/kubepods/pod1/abc\n")
    assert res.cgroup_cpu_limit(CgroupPaths(root=root, proc_cgroup=proc)) == pytest.approx(2.0)


def test_v1_cfs_quota(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    cpu = root / "cpu,cpuacct" / "docker" / "c1"
    cpu.mkdir(parents=True)
    (cpu / "cpu.cfs_quota_us").write_text("250000\n")
    (cpu / "cpu.cfs_period_us").write_text("100000\n")
    proc = tmp_path / "proc_cgroup"
    proc.write_text("4:memory:/docker/c1\n3:cpu,cpuacct:/docker/c1\n")
    paths = CgroupPaths(root=root, proc_cgroup=proc)
    assert res.cgroup_cpu_limit(paths) == pytest.approx(2.5)
    assert res.usable_cpus(affinity=lambda: 32, cgroup=paths) == 3


def test_v1_unlimited_quota(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    cpu = root / "cpu"
    cpu.mkdir(parents=True)
    (cpu / "cpu.cfs_quota_us").write_text("-1\n")
    (cpu / "cpu.cfs_period_us").write_text("100000\n")
    proc = tmp_path / "proc_cgroup"
    proc.write_text("2:cpu:/\n")
    assert res.cgroup_cpu_limit(CgroupPaths(root=root, proc_cgroup=proc)) is None


def test_no_cgroup_files_at_all(tmp_path: Path) -> None:
    paths = CgroupPaths(root=tmp_path / "absent", proc_cgroup=tmp_path / "absent-too")
    assert res.cgroup_cpu_limit(paths) is None
    assert res.cgroup_memory_left(paths) is None
    assert res.usable_cpus(affinity=lambda: 4, cgroup=paths) == 4


def test_xdist_workers_share_the_cpus() -> None:
    assert res.xdist_workers({}) == 1
    assert res.xdist_workers({"PYTEST_XDIST_WORKER_COUNT": "4"}) == 4
    assert res.xdist_workers({"PYTEST_XDIST_WORKER_COUNT": "four"}) == 1
    assert res.cpu_share(16, 4) == 4
    assert res.cpu_share(2, 4) == 1


def test_memory_is_meminfo_lowered_to_the_cgroup_headroom(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24000000 kB\nMemAvailable:   8000000 kB\n")
    none = CgroupPaths(root=tmp_path / "absent", proc_cgroup=tmp_path / "absent")
    assert res.available_memory(meminfo, none) == 8000000 * 1024
    paths = cgroup_v2(tmp_path, memory_max=str(4 << 30), memory_current=str(1 << 30))
    assert res.cgroup_memory_left(paths) == 3 << 30
    assert res.available_memory(meminfo, paths) == 3 << 30
    (paths.root / "user.slice" / "job" / "memory.max").write_text("max\n")
    assert res.available_memory(meminfo, paths) == 8000000 * 1024


def test_v1_memory_limit_and_its_unlimited_marker(tmp_path: Path) -> None:
    root = tmp_path / "cgroup"
    mem = root / "memory"
    mem.mkdir(parents=True)
    (mem / "memory.limit_in_bytes").write_text(str(2 << 30))
    (mem / "memory.usage_in_bytes").write_text(str(512 << 20))
    proc = tmp_path / "proc_cgroup"
    proc.write_text("4:memory:/\n")
    paths = CgroupPaths(root=root, proc_cgroup=proc)
    assert res.cgroup_memory_left(paths) == (2 << 30) - (512 << 20)
    (mem / "memory.limit_in_bytes").write_text("9223372036854771712")
    assert res.cgroup_memory_left(paths) is None


def test_plan_one_single_threaded_context_per_cpu() -> None:
    assert (res.plan_llamacpp(1).contexts, res.plan_llamacpp(1).threads) == (1, 1)
    assert (res.plan_llamacpp(2).contexts, res.plan_llamacpp(2).threads) == (2, 1)
    big = res.plan_llamacpp(32)
    assert big.contexts == res.MAX_AUTO_CONTEXTS
    assert big.threads == 32 // res.MAX_AUTO_CONTEXTS


def test_plan_keeps_what_the_user_gave() -> None:
    plan = res.plan_llamacpp(8, contexts=1)
    assert (plan.contexts, plan.threads) == (1, 8)
    plan = res.plan_llamacpp(8, threads=4)
    assert (plan.contexts, plan.threads) == (2, 4)
    plan = res.plan_llamacpp(8, contexts=3, threads=5, kv_bytes_per_context=1 << 40, memory=1 << 30)
    assert (plan.contexts, plan.threads) == (3, 5)


def test_plan_caps_contexts_by_kv_cache_memory() -> None:
    gib = 1 << 30
    # 8 GiB available, half of it for KV caches of 1.5 GiB each: 2 contexts, the CPUs become threads.
    plan = res.plan_llamacpp(8, kv_bytes_per_context=3 * gib // 2, memory=8 * gib)
    assert (plan.contexts, plan.threads) == (2, 4)
    assert "KV cache" in plan.reason
    # Shared among 2 xdist workers: each gets half the budget.
    assert res.plan_llamacpp(8, kv_bytes_per_context=3 * gib // 2, memory=8 * gib, workers=2).contexts == 1
    # Never below one context, whatever the memory.
    assert res.plan_llamacpp(4, kv_bytes_per_context=64 * gib, memory=gib).contexts == 1
    # Plenty of memory: the CPU plan stands.
    assert res.plan_llamacpp(4, kv_bytes_per_context=gib, memory=64 * gib).contexts == 4


def test_kv_bytes_from_model_shape() -> None:
    # SmolLM2-135M: 30 layers, 576 wide, 9 query heads, 3 KV heads (head_dim 64).
    fake = SimpleNamespace(
        llama_model_n_layer=lambda m: 30,
        llama_model_n_head=lambda m: 9,
        llama_model_n_head_kv=lambda m: 3,
        llama_model_n_embd=lambda m: 576,
    )
    assert res.llama_kv_bytes(fake, None, 1000) == 2 * 30 * 3 * 64 * 2 * 1000
    fake.llama_model_n_head_kv = lambda m: 0
    assert res.llama_kv_bytes(fake, None, 1000) is None
    assert res.llama_kv_bytes(SimpleNamespace(), None, 1000) is None


def test_llamacpp_backend_plans_from_the_machine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed")
    from pytest_overrefusal.backends.llamacpp import backend as llamacpp

    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setattr(llamacpp, "cpu_share", lambda: 4)
    backend = llamacpp.create(str(model), {})
    assert (backend.contexts, backend.threads) == (4, 1)
    assert backend.batch_size == 4 * 16 * 4
    backend = llamacpp.create(str(model), {"contexts": "1"})
    assert (backend.contexts, backend.threads) == (1, 4)
    backend = llamacpp.create(str(model), {"threads": "2"})
    assert (backend.contexts, backend.threads) == (2, 2)
    backend = llamacpp.create(str(model), {"contexts": "3", "threads": "3"})
    assert (backend.contexts, backend.threads) == (3, 3)


def test_hf_parallel_from_free_gpu_memory() -> None:
    gib = 1 << 30
    # 40 GiB free, half for KV caches of 0.5 GiB per sequence: 40 sequences.
    parallel, reason = res.plan_hf_parallel(share=16, free_gpu=40 * gib, seq_bytes=gib // 2)
    assert parallel == 40
    assert "free on the GPU" in reason
    assert res.plan_hf_parallel(share=16, free_gpu=gib, seq_bytes=4 * gib)[0] == 1
    assert res.plan_hf_parallel(share=16, free_gpu=1000 * gib, seq_bytes=1 << 20)[0] == res.HF_MAX_PARALLEL


def test_hf_parallel_from_cpus() -> None:
    assert res.plan_hf_parallel(share=1)[0] == 8
    assert res.plan_hf_parallel(share=4)[0] == 16
    assert res.plan_hf_parallel(share=64)[0] == 64
    # A GPU whose model says nothing of its shape falls back to the CPU rule rather than guessing.
    assert res.plan_hf_parallel(share=4, free_gpu=1 << 34, seq_bytes=None)[0] == 16


def test_transformer_seq_bytes_from_config() -> None:
    gqa = SimpleNamespace(num_hidden_layers=30, num_attention_heads=9, num_key_value_heads=3, hidden_size=576)
    assert res.transformer_seq_bytes(gqa, 2, tokens=100) == 2 * 30 * 3 * 64 * 2 * 100
    mha = SimpleNamespace(num_hidden_layers=2, num_attention_heads=4, hidden_size=64, head_dim=None)
    assert res.transformer_seq_bytes(mha, 4, tokens=10) == 2 * 2 * 4 * 16 * 4 * 10
    assert res.transformer_seq_bytes(SimpleNamespace(), 2) is None


@pytest.mark.slow
@pytest.mark.parametrize(("memory_mib", "contexts"), [(60, 1), (1024, 3)])
def test_llamacpp_caps_contexts_by_the_models_kv_cache(
    monkeypatch: pytest.MonkeyPatch, memory_mib: int, contexts: int
) -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (extra: llamacpp)")
    from pytest_overrefusal.backends.llamacpp import backend as llamacpp

    monkeypatch.setattr(llamacpp, "cpu_share", lambda: 3)
    monkeypatch.setattr(llamacpp, "available_memory", lambda: memory_mib << 20)
    # n_ctx=64: 64 x 17 tokens x 23 KB = 25 MB of KV cache per context for the embedded model, so that
    # 60 MiB available (30 MiB for KV caches) fits one context and 1 GiB fits all three.
    backend = llamacpp.create(None, {"n_ctx": "64", "parallel": "16"})
    try:
        assert backend.contexts == 3  # the CPU plan, before the model is loaded
        assert len(backend.context_handles) == contexts
        assert (backend.contexts, backend.threads) == (contexts, 3 // contexts)
        if contexts == 1:
            assert "KV cache" in backend.plan.reason
    finally:
        backend.close()
