"""A child process's own peak memory, as far as Linux lets a parent know it.

Linux reports, for a child, the largest resident memory of the process *or of
the memory it started from*: a child started by a parent that has grown to
500 MB (pytest, after a long run) is reported at 500 MB even if it only ever
used 40 MB. So a child's figure at or below this process's own peak says only
"no more than this process's peak"; above it, the figure is the child's own.
"""

from __future__ import annotations

import resource


def own_peak(child_mb: float) -> float:
    """The child's peak in MB; 0.0 when it is no more than what it inherited (this process's own peak)."""
    inherited_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return 0.0 if child_mb <= inherited_mb + 1 else child_mb
