"""benchmarks/tree_memory.py sums the resident memory of a process tree as /proc shows it.

A child that has just forked (or vforked) and not yet run its program shares its parent's
memory: it must be counted once, or a build starting Pagefind or git shows twice its size.
A child with memory of its own is counted in full. The tree here is real: a Python parent
holding a block of memory, a child sharing it (made with clone(CLONE_VM), as vfork makes
one, and left waiting in pause() so that it shares it for as long as the test looks), and
a forked child that fills a block of its own. Linux only (/proc).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, shell_env
from tree_memory import TreeMemory, tree_rss  # benchmarks/, which conftest puts on the path

pytestmark = pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="Linux /proc only")

MB = 2**20
BLOCK = 64 * MB  # the parent's block, shared with the clone
OWN = 32 * MB  # the forked child's own block

# The tree: prints {"parent", "shared", "forked"} pids once every process holds its memory,
# then waits, idle, until its stdin closes.
_TREE = f"""
import ctypes, json, os, signal, sys

block = bytearray({BLOCK})
for i in range(0, len(block), 4096):
    block[i] = 1  # resident, not only reserved
ready_r, ready_w = os.pipe()
forked = os.fork()
if forked == 0:
    own = bytearray({OWN})
    for i in range(0, len(own), 4096):
        own[i] = 1
    os.write(ready_w, b"x")
    signal.pause()
os.read(ready_r, 1)
# A child sharing this very memory, as vfork makes one: clone(CLONE_VM) running pause() on a
# stack of its own, never Python.
libc = ctypes.CDLL(None, use_errno=True)
libc.clone.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
stack = ctypes.create_string_buffer(1 << 16)
top = (ctypes.addressof(stack) + len(stack)) & ~15
CLONE_VM = 0x100
shared = libc.clone(ctypes.cast(libc.pause, ctypes.c_void_p), top, CLONE_VM | signal.SIGCHLD, None)
if shared < 0:
    sys.exit("clone failed: " + os.strerror(ctypes.get_errno()))
print(json.dumps({{"parent": os.getpid(), "shared": shared, "forked": forked}}), flush=True)
sys.stdin.read()
for pid in (shared, forked):
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
"""


def resident(pid: int) -> int:
    """The process's resident bytes, as the kernel counts them."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def ppid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


@pytest.fixture
def tree():
    """The running tree's pids: {"parent", "shared", "forked"}."""
    with subprocess.Popen(
        [sys.executable, "-c", _TREE],
        cwd=ROOT,
        env=shell_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            line = process.stdout.readline()
            assert line, process.stderr.read() if process.poll() is not None else "the tree printed nothing"
            yield json.loads(line)
        finally:
            process.stdin.close()  # the tree ends its children and itself
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_a_child_sharing_its_parents_memory_is_counted_once_and_one_with_its_own_in_full(tree) -> None:
    parent, shared, forked = tree["parent"], tree["shared"], tree["forked"]
    assert ppid(shared) == parent and ppid(forked) == parent  # the tree is as described
    assert resident(shared) == resident(parent) >= BLOCK  # the clone shows its parent's memory
    assert resident(forked) >= OWN

    sizes = tree_rss(parent)

    # The processes are idle: what the kernel shows now is what tree_rss read.
    expected = resident(parent) + resident(forked)
    assert sum(sizes.values()) == pytest.approx(expected, abs=MB), (
        f"{sum(sizes.values()) / MB:.0f} MB counted, not the parent's {resident(parent) / MB:.0f} MB"
        f" and the forked child's {resident(forked) / MB:.0f} MB"
    )
    assert set(sizes) == {Path(f"/proc/{parent}/comm").read_text().strip()}


def test_the_sampler_reports_the_same_count_as_its_peak(tree) -> None:
    """TreeMemory, the sampler bench_site.py prints the "tree peak" of, counts the same way."""
    with TreeMemory(tree["parent"], interval=0.05) as sampled:
        time.sleep(0.3)  # a few samples
    expected = resident(tree["parent"]) + resident(tree["forked"])
    assert sampled.peak_bytes == pytest.approx(expected, abs=MB)
    assert sampled.summary().startswith(f"{sampled.peak_bytes / MB:,.0f} MB (python ")
