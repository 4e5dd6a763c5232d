"""Durations at the extremes of their types, from Leat's answers: a ``Retry-After`` or an OAuth
``expires_in`` beyond what the clock can hold gives the documented error or simply works, never
an ``InternalError``. (Client timeouts beyond the clock: ``test_options.py``.)"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import leat
import pytest
from conftest import api_requests
from leat.testing import Fault, MockServer

BEYOND_THE_CLOCK = ["18446744073709551615", "10000000000000000000", "1e19", "1.7976931348623157e308"]


@pytest.mark.parametrize("value", BEYOND_THE_CLOCK)
def test_a_retry_after_beyond_the_clock_is_a_rate_limit_error_not_a_wait(
    client: leat.Client, mock: MockServer, value: str
) -> None:
    mock.script([Fault.status(429, headers={"Retry-After": value})])
    with pytest.raises(leat.RateLimitError) as info:
        client.webhook_subscriptions.list()
    assert info.value.retry_after is not None and info.value.retry_after > 2**40, info.value.retry_after
    assert "retry after" in str(info.value)
    assert len(api_requests(mock)) == 1  # not retried after a wait


@pytest.mark.parametrize("value", BEYOND_THE_CLOCK)
async def test_the_async_client_does_the_same(
    aclient: leat.AsyncClient, mock: MockServer, value: str
) -> None:
    mock.script([Fault.status(429, headers={"Retry-After": value})])
    with pytest.raises(leat.RateLimitError):
        await aclient.webhook_subscriptions.list()
    assert len(api_requests(mock)) == 1


def a_token_from(mock: MockServer) -> str:
    form = urllib.parse.urlencode(
        {"grant_type": "client_credentials", "client_id": mock.client_id, "client_secret": mock.client_secret}
    ).encode()
    with urllib.request.urlopen(mock.url + "/oauth/token", data=form, timeout=10) as answer:
        return json.load(answer)["access_token"]


@pytest.mark.parametrize("expires_in", ["18446744073709551615", "1e300", '"soon"'])
def test_an_expires_in_beyond_the_clock_or_unreadable_never_breaks_the_client(
    mock: MockServer, expires_in: str
) -> None:
    token = a_token_from(mock)
    mock.script(
        [
            Fault.status(
                200, body=f'{{"access_token": "{token}", "expires_in": {expires_in}}}', path="/oauth/token"
            )
        ]
    )
    with leat.Client(client_id=mock.client_id, client_secret=mock.client_secret, base_url=mock.url) as client:
        for _ in range(3):
            assert client.webhook_subscriptions.list() == []
    # One token for this test, one for the client: a lifetime beyond the clock is kept for
    # good; an unreadable one falls back to a short lifetime that is still longer than this.
    assert mock.token_requests() == 2
