"""Writes php-deliveries.json: webhook deliveries made the way Leat's servers make them, by PHP
itself. Each payload is handed to PHP (`php -r`, with `json_decode($json, true)` so PHP holds
it as the arrays Leat's code holds), serialised with `json_encode($payload)` (PHP's default
flags: `\\/`, `\\uXXXX`, floats such as `1.0e+25`, `[]` for empty arrays) and signed with
`hash_hmac('sha256', $body, $secret)`, as Leat's docs give. `data` is what a correct JSON
parser (Python's `json.loads`) reads from the body; every language's suite checks that the SDK
verifies the signature and hands over exactly that data: the same numbers to the last digit,
the same types, the keys in the same order.

Needs `php` on the PATH (Debian: `apt-get install php-cli`). Run:
    python3 tests/vectors/make_php_deliveries.py
The committed file was made with PHP 8.2.
"""

from __future__ import annotations

import json
import pathlib
import random
import subprocess

SECRET = "whsec_php_3f9a1c"
PHP = r"""
$cases = json_decode(stream_get_contents(STDIN), true);
$out = [];
foreach ($cases as $case) {
    $payload = ["type" => $case["type"], "data" => json_decode($case["data"], true)];
    $body = json_encode($payload);
    $out[] = ["body" => $body, "signature" => hash_hmac("sha256", $body, $case["secret"])];
}
echo json_encode($out, JSON_UNESCAPED_SLASHES);
"""


def random_floats(count: int, seed: int) -> list:
    rng = random.Random(seed)
    values = []
    for _ in range(count):
        mantissa = rng.randrange(10**16, 10**17)
        exponent = rng.randrange(-20, 25)
        values.append(float(f"{mantissa}e{exponent - 16}"))
    return values


CASES = [
    ("contact_created", "a contact by uuid", {"contact": {"uuid": "9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d"}}),
    (
        "credit_reception_created",
        "amounts and balances as floats PHP writes in its own forms",
        {
            "credit_reception": {
                "uuid": "c1d2e3f4-0000-4a6b-8c9d-0e1f2a3b4c5d",
                "credits": 125,
                "amount": 12.34,
            },
            "balance": 1.0e25,
            "tiny": 1.0e-5,
            "almost": 0.30000000000000004,
            "whole": 10.0,
            "sixteen_digits": 1e16,
            "seventeen_digits": 1e17,
            "negative": -2.5e-300,
            "largest": 1.7976931348623157e308,
            "smallest": 5e-324,
        },
    ),
    (
        "prepaid_transaction_created",
        "every 1.0e+NN and 1.0e-NN PHP writes",
        {"powers": [float(f"1e{n}") for n in range(-30, 31)]},
    ),
    ("giftcard_transaction_created", "random 17-digit floats", {"values": random_floats(2000, 20261127)}),
    (
        "voucher_redeemed",
        "integers beyond 2^53, which PHP keeps exact",
        {"ids": [9007199254740993, 9223372036854775807, -9223372036854775807, 0, -1]},
    ),
    (
        "voucher_created",
        "slashes, non-ASCII text and control characters, escaped as PHP does",
        {
            "url": "https://example.com/vouchers/a/b?c=d",
            "name": "Crème brûlée 🍮 — 日本",
            "note": 'line\nbreak\ttab "quoted" back\\slash',
            "currency": "€",
        },
    ),
    (
        "contact_updated",
        "keys in the order Leat wrote them, not sorted; empty arrays as []",
        {"zeta": 1, "alpha": {"mid": [], "beta": True, "aardvark": None}, "properties": [], "middle": "m"},
    ),
    ("promotion_updated", "an empty payload, which PHP writes as [] and the SDK reads as {}", {}),
    ("brand_new_event", "an event type this SDK does not know yet", {"thing": {"uuid": "b1"}}),
]


def main() -> None:
    requests = [
        {"type": event_type, "data": json.dumps(data), "secret": SECRET} for event_type, _, data in CASES
    ]
    made = subprocess.run(
        ["php", "-r", PHP], input=json.dumps(requests), capture_output=True, text=True, check=True
    )
    php_version = subprocess.run(
        ["php", "-r", "echo PHP_VERSION;"], capture_output=True, text=True, check=True
    ).stdout
    cases = []
    for (event_type, description, _), signed in zip(CASES, json.loads(made.stdout)):
        parsed = json.loads(signed["body"])
        data = parsed["data"]
        if data == []:
            data = {}
        cases.append(
            {
                "name": description,
                "event_type": event_type,
                "secret": SECRET,
                "body": signed["body"],
                "signature": signed["signature"],
                "data": data,
            }
        )
    document = {
        "description": (
            "Webhook deliveries serialised with PHP's json_encode and signed with hash_hmac, as "
            f"Leat's servers do (made with PHP {php_version} by make_php_deliveries.py). `data` is "
            "what a correct JSON parser reads from `body` (an empty top-level `[]` read as `{}`)."
        ),
        "cases": cases,
    }
    target = pathlib.Path(__file__).with_name("php-deliveries.json")
    # One case a line: the long lists stay readable in a diff.
    lines = [json.dumps(case, ensure_ascii=False) for case in document["cases"]]
    text = '{"description": %s,\n "cases": [\n  %s\n]}\n' % (
        json.dumps(document["description"]),
        ",\n  ".join(lines),
    )
    json.loads(text)
    target.write_text(text)
    print(f"wrote {len(cases)} cases to {target}")


if __name__ == "__main__":
    main()
