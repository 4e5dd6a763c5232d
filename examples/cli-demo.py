"""The `leat` command line against the local mock server, as `make demo-cli` shows it:
`leat subscriptions apply examples/subscriptions.toml` twice (the second time everything is
unchanged), then `leat webhooks send` to a small receiver that checks the signature with
`leat webhooks verify`.

Standard library only. Run: LEAT=path/to/leat python3 examples/cli-demo.py (LEAT defaults to
`leat` on the PATH). It always uses the mock, never a real Leat account.
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Dict, List

LEAT = os.environ.get("LEAT", "leat")
EXAMPLES = pathlib.Path(__file__).resolve().parent
WEBHOOK_SECRET = "whsec_cli_demo"

# The caller's own Leat settings never reach the demo: it talks to the mock only.
ENV: Dict[str, str] = {k: v for k, v in os.environ.items() if not k.startswith("LEAT_")}


def leat(*args: str, check: bool = True) -> "subprocess.CompletedProcess[str]":
    """Runs `leat` as a user would, showing the command and what it printed."""
    print(f"$ leat {' '.join(args)}", flush=True)
    result = subprocess.run([LEAT, *args], env=ENV, capture_output=True, text=True, timeout=60)
    sys.stdout.write(result.stdout)
    sys.stdout.write(result.stderr)
    print(flush=True)
    if check and result.returncode != 0:
        raise SystemExit(f"leat {args[0]} ... exited with {result.returncode}")
    return result


class Receiver(BaseHTTPRequestHandler):
    """Answers 200 when `leat webhooks verify` accepts the raw body and its Signature."""

    def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        verify = subprocess.run(
            [LEAT, "webhooks", "verify", "--signature", self.headers.get("Signature", "")],
            input=body,
            env={**ENV, "LEAT_WEBHOOK_SECRET": WEBHOOK_SECRET},
            capture_output=True,
            timeout=30,
        )
        answer = (verify.stdout or verify.stderr).strip()
        self.send_response(200 if verify.returncode == 0 else 400)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"receiver: " + answer + b"\n")

    def log_message(self, *args: object) -> None:
        pass


def start_mock() -> "subprocess.Popen[str]":
    """`leat mock` on a free port; its first line says where it is and what it accepts."""
    print("$ leat mock --api-key demo-key --webhook-secret " + WEBHOOK_SECRET, flush=True)
    mock = subprocess.Popen(
        [LEAT, "mock", "--api-key", "demo-key", "--webhook-secret", WEBHOOK_SECRET],
        env=ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert mock.stdout is not None
    lines: List[str] = []
    while not any(line.startswith("export ") for line in lines):
        line = mock.stdout.readline()
        if not line:
            raise SystemExit("leat mock stopped before it printed its URL")
        lines.append(line.strip())
        print(line, end="", flush=True)
    url = next(line.split()[1] for line in lines if line.startswith("url"))
    ENV.update(LEAT_BASE_URL=url, LEAT_API_KEY="demo-key", LEAT_WHSEC_MEMBERS="whsec_members_demo")
    print(flush=True)
    return mock


def main() -> None:
    mock = start_mock()
    receiver = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        example = os.path.relpath(EXAMPLES / "subscriptions.toml")
        leat("subscriptions", "apply", example)
        again = leat("subscriptions", "apply", example)
        if "Nothing to change" not in again.stdout:
            raise SystemExit("the second apply changed something")
        leat("subscriptions", "list")
        url = f"http://127.0.0.1:{receiver.server_port}/webhooks"
        sent = leat("webhooks", "send", url, "--event-type", "voucher_redeemed", "--secret", WEBHOOK_SECRET)
        if "Signature valid" not in sent.stdout:
            raise SystemExit("the receiver did not verify the delivery")
    finally:
        receiver.shutdown()
        mock.terminate()
        mock.wait(timeout=10)


if __name__ == "__main__":
    main()
