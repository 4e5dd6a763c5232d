"""The core's contract, checked against this package: every error class exists with its parent
and carries every field with the right type on a real error of each kind; the event types,
statuses and subscription fields are the core's. A class or field added in the core and
forgotten here fails these tests."""

from __future__ import annotations

import asyncio
import socket
from typing import Any, Callable, Dict, List

import leat
import pytest
from leat import _native, exceptions, webhooks
from leat.testing import Fault, MockServer

CONTRACT = _native.contract()
CLASSES = {c["name"]: c for c in CONTRACT["error_classes"]}
MISSING = "00000000-0000-4000-8000-000000000000"
HOOK = dict(name="n", event_type="contact_created", url="https://example.com/h")


def all_fields(name: str) -> List[Dict[str, Any]]:
    chain = []
    while name:
        chain.insert(0, CLASSES[name])
        name = CLASSES[name]["parent"]
    return [field for c in chain for field in c["fields"]]


def raised(run: Callable[[], Any]) -> BaseException:
    with pytest.raises(leat.LeatError) as info:
        run()
    return info.value


def _answered(code: int, status: int = 400) -> Callable[[MockServer, leat.Client], BaseException]:
    """An error Leat answers with this code (scripted), raised by a real call."""
    body = '{"message": "scripted", "code": %d, "status_code": %d}' % (code, status)

    def produce(m: MockServer, c: leat.Client) -> BaseException:
        m.script([Fault.status(status, body=body)])
        return raised(c.webhook_subscriptions.list)

    return produce


def _closed_url() -> str:
    with MockServer() as gone:
        url = gone.url
    return url


PRODUCERS: Dict[str, Any] = {
    "LeatError": None,
    "APIError": lambda m, c: (m.script([Fault.status(418)]), raised(c.webhook_subscriptions.list))[1],
    "NotFoundError": lambda m, c: raised(lambda: c.webhook_subscriptions.get(MISSING)),
    "InvalidInputError": lambda m, c: raised(
        lambda: c.webhook_subscriptions.create(**{**HOOK, "event_type": "nope"})
    ),
    "ConflictError": _answered(60005),
    "LimitError": _answered(1017),
    "InactiveError": _answered(7002),
    "AuthenticationError": lambda m, c: raised(
        leat.Client(api_key="wrong", base_url=m.url).webhook_subscriptions.list
    ),
    "PermissionDeniedError": lambda m, c: (
        m.script([Fault.status(403)]),
        raised(c.webhook_subscriptions.list),
    )[1],
    "RateLimitError": lambda m, c: (
        m.script([Fault.status(429, headers={"Retry-After": "60"})]),
        raised(c.webhook_subscriptions.list),
    )[1],
    "MaintenanceError": lambda m, c: (
        m.script([Fault.status(503, headers={"Retry-After": "60"})]),
        raised(c.webhook_subscriptions.list),
    )[1],
    "ServerError": lambda m, c: (
        m.script([Fault.status(500)]),
        raised(lambda: c.webhook_subscriptions.create(**HOOK)),
    )[1],
    "APIConnectionError": lambda m, c: raised(
        leat.Client(api_key="k", base_url=_closed_url(), max_retries=0).webhook_subscriptions.list
    ),
    "APITimeoutError": lambda m, c: (
        m.script([Fault.delay(0.5)]),
        raised(c.with_options(timeout=0.05).webhook_subscriptions.list),
    )[1],
    "ResponseDecodeError": lambda m, c: (
        m.script([Fault.malformed_body()]),
        raised(c.webhook_subscriptions.list),
    )[1],
    "ValidationError": lambda m, c: raised(lambda: c.webhook_subscriptions.get("a/b")),
    "ConfigurationError": lambda m, c: raised(
        lambda: leat.Client(api_key="k", base_url="http://api.example.com")
    ),
    "InternalError": lambda m, c: raised(_native._provoke_panic),
    "SignatureVerificationError": lambda m, c: raised(
        lambda: webhooks.construct_event(b"{}", "0" * 64, "whsec_x")
    ),
}

# What a real answer may leave out (Leat's code and request id, a Retry-After, the rate-limit
# headers, which the mock does not send); every other field of a real error has a value, so a
# field the binding forgets to hand over (and the class fills with None) fails.
MAY_BE_NONE = {"code", "request_id", "retry_after", "rate_limit_limit", "rate_limit_remaining"}

TYPES = {
    "text": (str, type(None)),
    "integer": (int, type(None)),
    "bool": (bool,),
    "duration": (float, type(None)),
    "field_errors": (dict,),
    "headers": (dict,),
    "bytes": (bytes,),
}


@pytest.mark.parametrize("name", list(CLASSES))
def test_every_class_exists_with_its_parent_and_fields(name):
    cls = getattr(exceptions, name)
    assert getattr(leat, name) is cls
    assert name in exceptions.__all__ and name in leat.__all__
    parent = CLASSES[name]["parent"]
    assert cls.__bases__[0] is (getattr(exceptions, parent) if parent else Exception)
    assert [f["name"] for f in all_fields(name)] == [
        f for f in cls._fields if f in {x["name"] for x in all_fields(name)}
    ]
    assert set(cls._fields) == {f["name"] for f in all_fields(name)}
    assert cls.__doc__


def test_every_class_has_a_way_to_be_produced_here():
    assert set(PRODUCERS) == set(CLASSES)


@pytest.mark.parametrize("name", [n for n, p in PRODUCERS.items() if p is not None])
def test_a_real_error_carries_every_field_of_the_contract(name):
    with MockServer() as mock:
        client = leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0)
        err = PRODUCERS[name](mock, client)
    assert type(err) is getattr(leat, name), repr(err)
    for field in all_fields(name):
        assert hasattr(err, field["name"]), f"{name}.{field['name']} is missing"
        value = getattr(err, field["name"])
        assert isinstance(value, TYPES[field["kind"]]), f"{name}.{field['name']} = {value!r}"
        assert value is not None or field["name"] in MAY_BE_NONE, f"{name}.{field['name']} is None"


def test_the_values_are_the_ones_the_call_had(mock):
    client = leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0)
    mock.script([Fault.status(429, headers={"Retry-After": "2"})])
    err = raised(lambda: client.webhook_subscriptions.get(MISSING))
    assert (err.status_code, err.retry_after, err.method, err.path) == (
        429,
        2.0,
        "GET",
        f"/api/v3/oauth/clients/webhook-subscriptions/{MISSING}",
    )


def test_a_refused_connection_says_the_request_was_not_sent():
    # The class's default is True: this fails if the binding does not hand the field over.
    with socket.socket() as bound:  # bound, never listening: every connection is refused
        bound.bind(("127.0.0.1", 0))
        url = "http://127.0.0.1:%d" % bound.getsockname()[1]
        client = leat.Client(api_key="k" * 8, base_url=url, max_retries=0)
        err = raised(client.webhook_subscriptions.list)
    assert type(err) is leat.APIConnectionError, repr(err)
    assert (err.maybe_sent, err.method) == (False, "GET")


def test_the_event_types_statuses_and_subscription_fields_are_the_cores(mock):
    assert [t.value for t in leat.EventType] == CONTRACT["event_types"]
    assert [s.value for s in leat.Status] == CONTRACT["statuses"]
    created = leat.Client(api_key=mock.api_key, base_url=mock.url).webhook_subscriptions.create(**HOOK)
    assert list(created.to_dict()) == CONTRACT["subscription_fields"]
    for field in CONTRACT["subscription_fields"]:
        assert hasattr(created, field)


def test_async_errors_are_the_same_classes(mock):
    async def main() -> BaseException:
        client = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)
        with pytest.raises(leat.NotFoundError) as info:
            await client.webhook_subscriptions.get(MISSING)
        return info.value

    err = asyncio.run(main())
    assert err.method == "GET" and err.status_code == 400 and err.code == 80300
