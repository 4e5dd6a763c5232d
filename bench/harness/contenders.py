"""Every row of the table: which program runs it, with how many calls, in which group, and
whether it is leat or a peer. Groups share the concurrency of their calls, and every HTTP
row of a group does the same work: N GETs of one subscription, then N lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

# The Get example's uuid: what every GET asks for.
UUID = "59165ef0-1afd-4baf-b1f7-ffee287aff32"


@dataclass(frozen=True)
class Contender:
    group: str
    name: str
    command: List[str]
    leat: bool
    calls: int
    # Calls in flight, for HTTP rows (compared with raw Rust at the same number); None for
    # webhook rows.
    in_flight: Optional[int] = None
    # The raw reqwest + serde_json rows: the limit every binding is held to.
    limit: bool = False
    # Why the row cannot run in this checkout (e.g. an export that does not exist yet).
    unavailable: Optional[str] = None
    ops: List[str] = field(default_factory=lambda: ["get", "list"])

    @property
    def http(self) -> bool:
        return self.in_flight is not None


@dataclass(frozen=True)
class Programs:
    python: Path
    node: str
    rust: Path  # leat-bench-rust
    bench: Path  # the bench/ folder


def _http(argv: List[str], calls: int, warmup: int, in_flight: int) -> List[str]:
    return [*argv, "--calls", str(calls), "--warmup", str(warmup), "--concurrency", str(in_flight)]


def http_contenders(p: Programs, scale: float, node_leat: Optional[str]) -> List[Contender]:
    def n(calls: int) -> int:
        return max(64, int(calls * scale))

    rows: List[Contender] = []
    for in_flight, calls in ((1, 4000), (8, 10000), (64, 10000)):
        group = f"Rust, {in_flight} in flight"
        ways = [("raw reqwest + serde_json", "raw", False), ("leat", "leat", True)]
        if in_flight == 1:
            # Two ways a blocking binding can drive leat: leat.Client's first design, and the
            # current-thread runtime per calling thread it uses now (bindings/python/src/hot_path/runtime.rs).
            ways += [
                (
                    "leat via block_on on a shared multi-thread runtime (leat.Client before)",
                    "leat-block-on",
                    True,
                ),
                (
                    "leat on the caller's current-thread runtime (leat.Client now)",
                    "leat-current-thread",
                    True,
                ),
            ]
        for name, which, is_leat in ways:
            argv = _http([str(p.rust), "http", which], n(calls), 200, in_flight)
            rows.append(Contender(group, name, argv, is_leat, n(calls), in_flight, limit=not is_leat))

    sync = [str(p.python), str(p.bench / "python" / "sync_clients.py")]
    for name, which, is_leat in (
        ("leat.Client", "leat", True),
        ("requests.Session", "requests", False),
        ("httpx.Client", "httpx", False),
    ):
        argv = _http([*sync, which], n(1000), 100, 1)
        rows.append(Contender("Python sync, 1 thread", name, argv, is_leat, n(1000), 1))

    threaded = [str(p.python), str(p.bench / "python" / "threaded_clients.py")]
    for name, which, is_leat in (("leat.Client", "leat", True), ("requests.Session", "requests", False)):
        argv = _http([*threaded, which], n(1000), 100, 8)
        rows.append(Contender("Python threads, 8 sharing one client", name, argv, is_leat, n(1000), 8))

    asynchronous = [str(p.python), str(p.bench / "python" / "async_clients.py")]
    # httpx.AsyncClient spends milliseconds per call at 64 in flight: fewer calls keep the run
    # short; every figure is per call.
    for name, which, is_leat, calls in (
        ("leat.AsyncClient", "leat", True, 2000),
        ("httpx.AsyncClient", "httpx", False, 300),
        ("aiohttp.ClientSession", "aiohttp", False, 2000),
    ):
        argv = _http([*asynchronous, which], n(calls), 200, 64)
        rows.append(Contender("Python asyncio, 64 in flight", name, argv, is_leat, n(calls), 64))

    node = [p.node, str(p.bench / "node" / "http-clients.mjs")]
    for name, which, is_leat in (
        ("leat-sdk", "leat", True),
        ("global fetch", "fetch", False),
        ("undici.request on a Pool", "undici", False),
    ):
        argv = _http([*node, which], n(5000), 5000, 64)
        rows.append(
            Contender(
                "Node, 64 in flight",
                name,
                argv,
                is_leat,
                n(5000),
                64,
                unavailable=node_leat if is_leat else None,
            )
        )
    return rows


def webhook_contenders(p: Programs, scale: float, node_leat_webhooks: Optional[str]) -> List[Contender]:
    calls = max(160, int(100_000 * scale))
    ops = ["verify 1 KiB", "verify 64 KiB"]
    python = [str(p.python), str(p.bench / "python" / "webhooks.py")]
    node = [p.node, str(p.bench / "node" / "webhooks.mjs")]
    rows = [
        ("Webhooks, Rust", "leat::webhooks::verify_signature", [str(p.rust), "verify"], True, None),
        ("Webhooks, Python", "leat.webhooks.verify_signature", [*python, "leat"], True, None),
        ("Webhooks, Python", "hmac + compare_digest", [*python, "hmac"], False, None),
        ("Webhooks, Node", "leat-sdk webhooks.verifySignature", [*node, "leat"], True, node_leat_webhooks),
        ("Webhooks, Node", "createHmac + timingSafeEqual", [*node, "crypto"], False, None),
    ]
    return [
        Contender(group, name, [*argv, "--calls", str(calls)], is_leat, calls, unavailable=why, ops=ops)
        for group, name, argv, is_leat, why in rows
    ]
