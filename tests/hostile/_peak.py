"""Running speakeasy in a child process, and measuring its time and its own peak memory.

A child process's own peak memory is as much as Linux lets a parent know.
Linux reports, for a child, the largest resident memory of the process *or of
the memory it started from*: a child started by a parent that has grown to
500 MB (pytest, after a long run) is reported at 500 MB even if it only ever
used 40 MB. So a child's figure at or below this process's own peak says only
"no more than this process's peak"; above it, the figure is the child's own.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Mapping

import pytest


def own_peak(child_mb: float) -> float:
    """The child's peak in MB; 0.0 when it is no more than what it inherited (this process's own peak)."""
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return 0.0 if child_mb <= inherited_mb + 1 else child_mb


@dataclass
class Measured:
    """What :func:`run_measured` saw of one run."""

    code: int  # the exit code (negative: killed by that signal)
    out: str
    err: str
    seconds: float  # wall-clock time
    cpu: float  # user and system time of the child
    peak_mb: float  # its own peak memory (see own_peak)


def run_measured(args: list[str], cwd: Path, env: Mapping[str, str], limit: float, *,
                 out: Path | None = None, err: Path | None = None,
                 stdin: int | IO[Any] | None = subprocess.DEVNULL,
                 preexec_fn: Callable[[], None] | None = None,
                 read_limit: int | None = None, errors: str = "replace",
                 timeout_message: str | None = None) -> Measured:
    """``python -m speakeasy ARGS`` in ``cwd`` with ``env``, in a process of its own; killed after ``limit`` s.

    The child's output goes to files (``out`` and ``err``, by default ``.out``
    and ``.err`` in ``cwd``), not pipes, so a child that writes a lot never
    waits on a full pipe.  They are read back whole (as text, like
    ``Path.read_text``), or only up to ``read_limit`` bytes.  The time and the
    peak memory are the child's own (``wait4``), so this process's memory does
    not count.  A child still running after ``limit`` seconds is killed, and
    the test fails with ``timeout_message`` (by default, "speakeasy ARGS still
    ran after N s").
    """
    out = cwd / ".out" if out is None else out
    err = cwd / ".err" if err is None else err
    with out.open("wb") as o, err.open("wb") as e:
        start = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "speakeasy", *args], cwd=cwd, stdout=o, stderr=e,
                                stdin=stdin, env=dict(env), preexec_fn=preexec_fn)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > limit:
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9  # reaped here: Popen must not wait for it again
                pytest.fail(timeout_message or f"speakeasy {' '.join(args)} still ran after {limit:.0f} s")
            time.sleep(0.05)
        seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)

    def text(path: Path) -> str:
        if read_limit is None:
            return path.read_text("utf-8", errors)
        with path.open("rb") as f:
            return f.read(read_limit).decode("utf-8", errors)

    return Measured(proc.returncode, text(out), text(err), seconds, usage.ru_utime + usage.ru_stime,
                    own_peak(usage.ru_maxrss / 1024))
