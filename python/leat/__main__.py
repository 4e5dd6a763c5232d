"""The ``leat`` command line: ``python -m leat ...`` and the ``leat`` console script.

Everything happens in the native ``leat-cli`` code, which owns the process while it runs;
this only hands it the arguments and exits with its status.
"""

from __future__ import annotations

import signal
import sys

from ._native import run_cli


def main() -> int:
    """Runs ``leat`` with this process's arguments and returns its exit status."""
    # Python's own SIGINT handler only sets a flag that native code never looks at: restore
    # the default, so Ctrl-C stops a command at once and reaches `leat mock`'s handler.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    return run_cli(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
