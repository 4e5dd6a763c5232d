"""Python, 8 threads sharing one client: `leat.Client` vs `requests.Session`, with the same
calls as `sync_clients.py`."""

from __future__ import annotations

import threading
from functools import partial
from typing import Callable

from measure import measure, options
from sync_clients import leat_calls, requests_calls

CONTENDERS = {"leat": leat_calls, "requests": requests_calls}


def run_threads(threads: int, calls: int, call: Callable[[], None]) -> None:
    """Makes `calls` calls from `threads` threads, each taking the next call when it is free."""
    left = iter(range(calls))  # next() on a range iterator is atomic under the GIL

    def worker() -> None:
        for _ in left:
            call()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()


def main() -> None:
    args = options(CONTENDERS)
    get, list_ = CONTENDERS[args.contender](args.url, args.uuid)
    for op, call in (("get", get), ("list", list_)):
        run_threads(args.concurrency, args.warmup, call)
        measure(op, args.calls, partial(run_threads, args.concurrency, args.calls, call))


if __name__ == "__main__":
    main()
