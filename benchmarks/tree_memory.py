"""The peak resident memory of a whole process tree, sampled from Linux /proc.

``getrusage`` gives a process's own peak and the largest single child's, never
the sum of processes alive at the same time: a build whose Pagefind children
run beside it (macros/search.py) peaks at the sum. ``TreeMemory`` samples every
process below a root (its children, theirs, …) every ``interval`` seconds, sums
their resident sizes (RSS, as the kernel's OOM killer and a CI runner's limit
count them; pages shared between processes are counted in each, so it is an
upper bound) and keeps the largest sum, and, at that moment, how much of it was
each program (``comm``: python, pagefind_extended, git…). A peak shorter than
the interval can be missed; Python's and Pagefind's grow over seconds.

    with TreeMemory(process.pid) as tree:
        process.wait()
    tree.peak_bytes, tree.at_peak  # {"python": bytes, "pagefind_extended": bytes}
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")


def _processes() -> dict[int, tuple[int, str]]:
    """Every process's parent and program name: {pid: (ppid, comm)}."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        found[int(entry.name)] = (ppid, comm)
    return found


def tree_rss(root: int) -> Counter[str]:
    """The resident bytes of ``root`` and every process below it, by program name."""
    processes = _processes()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _) in processes.items():
        children.setdefault(ppid, []).append(pid)
    sizes: Counter[str] = Counter()
    statm: dict[int, str] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, ())
        try:
            statm[pid] = Path(f"/proc/{pid}/statm").read_text()
            resident = int(statm[pid].split()[1]) * _PAGE
        except (OSError, IndexError):
            continue
        ppid, comm = processes.get(pid, (0, "?"))
        if ppid in statm and statm[ppid] == statm[pid] and processes.get(ppid, (0, ""))[1] == comm:
            # A child just forked (or vforked) that has not run its program yet: the same pages
            # as its parent's, which were counted (the build starting Pagefind or git showed
            # as two pythons of 1.3 GB each).
            continue
        sizes[comm] += resident
    return sizes


class TreeMemory:
    """Samples the tree below ``root`` in a thread until the ``with`` block ends."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.peak_bytes = 0
        self.at_peak: Counter[str] = Counter()
        #: Each program's own largest sum over the run (not necessarily at the same moment).
        self.program_peaks: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        sizes = tree_rss(self.root)
        total = sum(sizes.values())
        if total > self.peak_bytes:
            self.peak_bytes, self.at_peak = total, sizes
        for name, size in sizes.items():
            self.program_peaks[name] = max(self.program_peaks[name], size)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def __enter__(self) -> TreeMemory:
        self._sample()
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        """'4,512 MB (python 1,010, pagefind_extended 3,502)'."""
        parts = ", ".join(f"{name} {size / 2**20:,.0f}" for name, size in self.at_peak.most_common())
        return f"{self.peak_bytes / 2**20:,.0f} MB ({parts})"
