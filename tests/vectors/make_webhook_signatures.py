"""Writes webhook-signatures.json: signature test vectors made with Python's own hmac, so the
Rust, Python and Node suites check the SDK against an independent implementation.

Run: python3 tests/vectors/make_webhook_signatures.py
"""

from __future__ import annotations

import hashlib
import hmac
import json
import pathlib

SECRET = "whsec_4d2f0c9e8b7a"
OLD = "whsec_old_1b2c3d"
EVENT = '{"type":"contact_created","data":{"contact":{"uuid":"9a7b3c1e-2d4f-4a6b-8c9d-0e1f2a3b4c5d"}}}'


def sign(body: str, secret: str) -> str:
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def case(name, body, secrets, signature, outcome, event_type=None):  # type: ignore[no-untyped-def]
    entry = {"name": name, "body": body, "secrets": secrets, "signature": signature, "outcome": outcome}
    if event_type is not None:
        entry["event_type"] = event_type
    return entry


unicode_body = '{"type":"voucher_redeemed","data":{"name":"Crème brûlée 🍮","amount":"€5"}}'
tampered = EVENT.replace("9a7b", "9a7c")
cases = [
    case("valid", EVENT, [SECRET], sign(EVENT, SECRET), "ok", "contact_created"),
    case("unicode body", unicode_body, [SECRET], sign(unicode_body, SECRET), "ok", "voucher_redeemed"),
    case(
        "uppercase hex is the same signature",
        EVENT,
        [SECRET],
        sign(EVENT, SECRET).upper(),
        "ok",
        "contact_created",
    ),
    case(
        "spaces around the header are ignored",
        EVENT,
        [SECRET],
        f" {sign(EVENT, SECRET)} ",
        "ok",
        "contact_created",
    ),
    case(
        "trailing newline is part of the body",
        EVENT + "\n",
        [SECRET],
        sign(EVENT + "\n", SECRET),
        "ok",
        "contact_created",
    ),
    case("newline not signed", EVENT + "\n", [SECRET], sign(EVENT, SECRET), "signature_mismatch"),
    case("rotation: new secret matches", EVENT, [OLD, SECRET], sign(EVENT, SECRET), "ok", "contact_created"),
    case("rotation: old secret matches", EVENT, [OLD, SECRET], sign(EVENT, OLD), "ok", "contact_created"),
    case(
        "rotation: no secret matches", EVENT, [OLD, "whsec_other"], sign(EVENT, SECRET), "signature_mismatch"
    ),
    case("tampered byte", tampered, [SECRET], sign(EVENT, SECRET), "signature_mismatch"),
    case("wrong secret", EVENT, ["whsec_wrong"], sign(EVENT, SECRET), "signature_mismatch"),
    case("missing header", EVENT, [SECRET], "", "missing_signature"),
    case("header too short", EVENT, [SECRET], sign(EVENT, SECRET)[:63], "malformed_signature"),
    case("header too long", EVENT, [SECRET], sign(EVENT, SECRET) + "0", "malformed_signature"),
    case("header not hex", EVENT, [SECRET], "z" * 64, "malformed_signature"),
    case("header with a prefix", EVENT, [SECRET], "sha256=" + sign(EVENT, SECRET), "malformed_signature"),
    case("no secret given", EVENT, [], sign(EVENT, SECRET), "no_secret"),
    case("only empty secrets", EVENT, [""], sign(EVENT, SECRET), "no_secret"),
    case("empty body signed", "", [SECRET], sign("", SECRET), "invalid_json"),
    case(
        "signed body not JSON",
        "type=contact_created",
        [SECRET],
        sign("type=contact_created", SECRET),
        "invalid_json",
    ),
    case("JSON without type", '{"data":{}}', [SECRET], sign('{"data":{}}', SECRET), "missing_type"),
    case(
        "type not a string",
        '{"type":5,"data":{}}',
        [SECRET],
        sign('{"type":5,"data":{}}', SECRET),
        "missing_type",
    ),
    *(
        case(name, body, [SECRET], sign(body, SECRET), outcome, event_type)
        for name, body, outcome, event_type in [
            ("a JSON array is not an event", '["contact_created",{}]', "not_an_event", None),
            ("a JSON string is not an event", '"contact_created"', "not_an_event", None),
            ("JSON null is not an event", "null", "not_an_event", None),
            ("data a number is not an event", '{"type":"contact_created","data":5}', "not_an_event", None),
            (
                "data a string is not an event",
                '{"type":"contact_created","data":"text"}',
                "not_an_event",
                None,
            ),
            ("data a list is not an event", '{"type":"contact_created","data":[1,2]}', "not_an_event", None),
            (
                "data null is an empty object",
                '{"type":"contact_created","data":null}',
                "ok",
                "contact_created",
            ),
            (
                "data [] (PHP's empty object) is one",
                '{"type":"contact_created","data":[]}',
                "ok",
                "contact_created",
            ),
        ]
    ),
    case(
        "unknown event type is kept",
        '{"type":"loyalty_tier_changed","data":{"tier":"gold"}}',
        [SECRET],
        sign('{"type":"loyalty_tier_changed","data":{"tier":"gold"}}', SECRET),
        "ok",
        "loyalty_tier_changed",
    ),
]

out = pathlib.Path(__file__).with_name("webhook-signatures.json")
out.write_text(json.dumps({"cases": cases}, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {len(cases)} cases to {out}")
