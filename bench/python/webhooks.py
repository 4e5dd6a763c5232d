"""Python webhook verification of the 1 KiB and 64 KiB bodies: `leat.webhooks` vs the
standard library's `hmac` + `hmac.compare_digest`."""

from __future__ import annotations

import hashlib
import hmac
from typing import Callable, Dict

from measure import measure, options

SECRET = "whsec_benchmark"


def body(size: int) -> bytes:
    """The delivery body every language's contenders build: exactly `size` bytes."""
    head, tail = b'{"type":"contact_created","data":{"note":"', b'"}}'
    return head + b"a" * (size - len(head) - len(tail)) + tail


def leat_verify() -> Callable[[bytes, str], None]:
    from leat import webhooks

    def verify(payload: bytes, signature: str) -> None:
        webhooks.verify_signature(payload, signature, SECRET)

    return verify


def hmac_verify() -> Callable[[bytes, str], None]:
    key = SECRET.encode()

    def verify(payload: bytes, signature: str) -> None:
        expected = hmac.new(key, payload, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, signature):
            raise ValueError("signature mismatch")

    return verify


CONTENDERS: Dict[str, Callable[[], Callable[[bytes, str], None]]] = {
    "leat": leat_verify,
    "hmac": hmac_verify,
}


def main() -> None:
    args = options(CONTENDERS)
    verify = CONTENDERS[args.contender]()
    for op, size, calls in (
        ("verify 1 KiB", 1024, args.calls),
        ("verify 64 KiB", 64 * 1024, args.calls // 16),
    ):
        payload = body(size)
        signature = hmac.new(SECRET.encode(), payload, hashlib.sha256).hexdigest()
        for _ in range(calls // 10):
            verify(payload, signature)

        def phase(payload: bytes = payload, signature: str = signature, calls: int = calls) -> None:
            for _ in range(calls):
                verify(payload, signature)

        measure(op, calls, phase)


if __name__ == "__main__":
    main()
