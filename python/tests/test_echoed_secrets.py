"""A server that quotes the request back (a debug page, a misbehaving proxy) puts the
client's secrets into its answer: none may reach what Python shows of the error, whatever
field the echo lands in, nor the ``leat`` logger at DEBUG."""

from __future__ import annotations

import logging
import pickle
import traceback
import urllib.error
import urllib.parse
import urllib.request

import leat
import pytest
from conftest import COLLECTION
from leat.testing import Fault, MockServer


def everything_shown(err: BaseException) -> str:
    """``str``, ``repr``, the traceback, every field, and the same after a pickle round trip."""
    parts = [str(err), repr(err), "".join(traceback.format_exception(type(err), err, err.__traceback__))]
    for copy in (err, pickle.loads(pickle.dumps(err))):
        parts.append(str(copy))
        parts.extend(repr(getattr(copy, name)) for name in type(copy)._fields)  # type: ignore[attr-defined]
    return "\n".join(parts)


def assert_echoed_and_scrubbed(err: BaseException, secrets: list) -> None:
    shown = everything_shown(err)
    assert isinstance(err, leat.InvalidInputError), shown
    assert "Echo:" in shown and "[redacted]" in shown, shown
    assert err.request_id is not None and err.request_id.startswith("echo "), err.request_id
    for secret in secrets:
        assert secret not in shown, f"{secret!r} shown in {shown}"


def test_an_echoed_api_key_is_scrubbed_from_every_field(client: leat.Client, mock: MockServer) -> None:
    mock.script([Fault.echo()])
    with pytest.raises(leat.APIError) as info:
        client.webhook_subscriptions.list()
    assert_echoed_and_scrubbed(info.value, [mock.api_key])


def test_an_echoed_access_token_is_scrubbed(mock: MockServer) -> None:
    mock.script([Fault.echo()])
    with leat.Client(access_token="tok_echoed_access_token", base_url=mock.url) as client:
        with pytest.raises(leat.APIError) as info:
            client.webhook_subscriptions.list()
    assert_echoed_and_scrubbed(info.value, ["tok_echoed_access_token"])


def test_a_webhook_secret_echoed_from_the_create_body_is_scrubbed_in_every_encoding(
    client: leat.Client, mock: MockServer
) -> None:
    secret = 'whsec/echo+é "quoted"'
    mock.script([Fault.echo()])
    with pytest.raises(leat.APIError) as info:
        client.webhook_subscriptions.create(
            name="Echo", event_type="contact_created", url="https://example.com/h", secret=secret
        )
    assert_echoed_and_scrubbed(info.value, [secret, "whsec\\/echo", "echo+é", "\\u00e9", "quoted"])


def test_an_echoed_client_secret_and_fetched_token_are_scrubbed() -> None:
    with MockServer(client_secret="cs_echoed/client+secret") as mock:
        with leat.Client(
            client_id=mock.client_id, client_secret=mock.client_secret, base_url=mock.url
        ) as client:
            # The token request itself is echoed: its form body holds the client secret.
            mock.script([Fault.echo(path="/oauth/token")])
            with pytest.raises(leat.APIError) as info:
                client.webhook_subscriptions.list()
            assert_echoed_and_scrubbed(info.value, ["cs_echoed", "client+secret", "client%2Bsecret"])
            # A call with a fetched token: the token is in the echoed Authorization header.
            client.webhook_subscriptions.list()
            token = next(
                r["headers"]["authorization"] for r in reversed(mock.requests()) if r["path"] == COLLECTION
            ).removeprefix("Bearer ")
            mock.script([Fault.echo(path=COLLECTION)])
            with pytest.raises(leat.APIError) as info:
                client.webhook_subscriptions.list()
            assert_echoed_and_scrubbed(info.value, [token])


async def test_the_async_client_scrubs_the_same(mock: MockServer) -> None:
    mock.script([Fault.echo()])
    async with leat.AsyncClient(api_key=mock.api_key, base_url=mock.url) as client:
        with pytest.raises(leat.APIError) as info:
            await client.webhook_subscriptions.list()
    assert_echoed_and_scrubbed(info.value, [mock.api_key])


def test_debug_logs_of_an_echoed_call_hold_no_secret(
    client: leat.Client, mock: MockServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "whsec_logged_never"
    mock.script([Fault.echo()])
    with caplog.at_level(logging.DEBUG, logger="leat"):
        with pytest.raises(leat.APIError):
            client.webhook_subscriptions.create(
                name="Echo", event_type="contact_created", url="https://example.com/h", secret=secret
            )
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert "echo POST" in logged, logged
    assert mock.api_key not in logged and secret not in logged, logged


def test_the_mock_really_echoes_the_secrets(mock: MockServer) -> None:
    """What the tests above scrub is there to scrub: the raw answer holds the key."""
    mock.script([Fault.echo()])
    request = urllib.request.Request(
        mock.url + COLLECTION, headers={"Authorization": f"Bearer {mock.api_key}"}
    )
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=10)
    raw = info.value.read().decode() + str(info.value.headers)
    assert mock.api_key in raw and urllib.parse.quote(mock.api_key) in raw
