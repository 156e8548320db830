"""Peak memory of a ``segmenter`` command run in a child process, for the benchmarks and the memory tests.

The child runs the CLI and, however it ends, prints its peak resident memory on a line of its own
(``peak-kb N``): VmHWM from ``/proc/self/status`` on Linux, not ``ru_maxrss``, which survives ``exec``, so a
child of a large process (pytest, a benchmark) would report its parent's size (CI once saw 368 MB that way);
``ru_maxrss`` elsewhere.
"""

from __future__ import annotations

import subprocess
import sys

_PROBE = ("import resource, sys\nfrom segmenter.cli import main\n"
          "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
          "finally:\n    print('peak-kb', next((int(line.split()[1]) for line in open('/proc/self/status')"
          " if line.startswith('VmHWM:')), 0) if sys.platform == 'linux' else"
          " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")


def run_cli(args: list[str], **options) -> tuple[subprocess.CompletedProcess, float]:
    """``segmenter ARGS`` in a child process (``options`` for ``subprocess.run``, output captured as text),
    and its peak memory in MB."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, **options)
    peaks = [line.split()[1] for line in proc.stderr.splitlines() if line.startswith("peak-kb ")]
    return proc, int(peaks[-1]) / 1024 if peaks else float("nan")
