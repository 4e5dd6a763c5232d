"""with_options: other settings for some calls, the same connections and credentials."""

from __future__ import annotations

import leat
import pytest
from conftest import api_requests
from leat.testing import Fault, MockServer


def test_a_view_with_a_short_timeout_times_out_where_the_client_does_not(client, mock):
    quick = client.with_options(timeout=0.2)
    assert isinstance(quick, leat.Client)
    assert "timeout=0.2" in repr(quick)
    mock.script([Fault.delay(0.6)])
    with pytest.raises(leat.APITimeoutError) as info:
        quick.webhook_subscriptions.list()
    assert info.value.timeout == pytest.approx(0.2)
    mock.script([Fault.delay(0.3)])
    assert client.webhook_subscriptions.list() == []


def test_a_view_with_no_retries_sends_once(client, mock):
    mock.script([Fault.status(503), Fault.status(503)])
    with pytest.raises(leat.MaintenanceError):
        client.with_options(max_retries=0).webhook_subscriptions.list()
    assert len(api_requests(mock)) == 1


async def test_the_async_client_has_views_too(aclient, mock):
    quick = aclient.with_options(timeout=0.2, max_retries=0)
    assert isinstance(quick, leat.AsyncClient)
    mock.script([Fault.delay(0.6)])
    with pytest.raises(leat.APITimeoutError):
        await quick.webhook_subscriptions.list()


def test_views_share_the_token_and_close_with_their_client(mock):
    client = leat.Client(client_id=mock.client_id, client_secret=mock.client_secret, base_url=mock.url)
    view = client.with_options(timeout=5)
    client.webhook_subscriptions.list()
    view.webhook_subscriptions.list()
    view.with_options(max_retries=1).webhook_subscriptions.list()
    assert mock.token_requests() == 1
    client.close()
    with pytest.raises(leat.ConfigurationError, match="closed"):
        view.webhook_subscriptions.list()


def test_closing_a_view_closes_only_the_view(client, mock):
    with client.with_options(timeout=2) as quick:
        assert quick.webhook_subscriptions.list() == []
        nested = quick.with_options(max_retries=0)
    other = client.with_options(max_retries=1)
    assert client.webhook_subscriptions.list() == []
    assert other.webhook_subscriptions.list() == []
    assert "closed" in repr(quick) and "closed" not in repr(client)
    for closed in (quick, nested):
        with pytest.raises(
            leat.ConfigurationError, match="view of the client .* is closed; the client itself"
        ):
            closed.webhook_subscriptions.list()
    client.close()
    with pytest.raises(leat.ConfigurationError, match="closed"):
        other.webhook_subscriptions.list()


async def test_closing_an_async_view_closes_only_the_view(aclient, mock):
    async with aclient.with_options(timeout=2) as quick:
        assert await quick.webhook_subscriptions.list() == []
    assert await aclient.webhook_subscriptions.list() == []
    await aclient.with_options(max_retries=0).close()
    assert await aclient.webhook_subscriptions.list() == []
    with pytest.raises(leat.ConfigurationError, match="view of the client"):
        await quick.webhook_subscriptions.list()


@pytest.mark.parametrize("timeout", [1e-12, 5e-324])
def test_a_timeout_under_a_nanosecond_is_refused_by_the_client_and_by_a_view(mock, timeout):
    message = f"timeout must be a number of seconds greater than zero, got {timeout!r}, which is less than a nanosecond"
    with pytest.raises(leat.ConfigurationError, match=message):
        leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=timeout)
    with leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        with pytest.raises(leat.ConfigurationError, match=message):
            client.with_options(timeout=timeout)
    with pytest.raises(leat.ConfigurationError, match=message):
        leat.AsyncClient(api_key=mock.api_key, base_url=mock.url).with_options(timeout=timeout)


@pytest.mark.parametrize(
    "options, message",
    [
        (dict(timeout=0), "timeout must be a number of seconds greater than zero, got 0"),
        (dict(timeout=-1.5), "got -1.5"),
        (dict(timeout=float("nan")), "got NaN"),
        (dict(max_retries=-1), "max_retries must be a whole number from 0 to 4294967295, got -1"),
        (dict(max_retries=2**40), "got 1099511627776"),
        (dict(max_retries=2**64), "got an integer too far from zero to read"),
        (dict(max_retries=-(2**70)), "got an integer too far from zero to read"),
    ],
)
def test_bad_settings_are_configuration_errors_when_built_and_per_view(mock, options, message):
    with pytest.raises(leat.ConfigurationError, match=message):
        leat.Client(api_key=mock.api_key, base_url=mock.url, **options)
    with pytest.raises(leat.ConfigurationError, match=message):
        leat.Client(api_key=mock.api_key, base_url=mock.url).with_options(**options)


@pytest.mark.parametrize("timeout", [1e19, 1e300, float("inf")])
def test_a_timeout_beyond_the_clock_means_no_practical_limit(mock, timeout):
    client = leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=timeout)
    assert client.webhook_subscriptions.list() == []
    assert client.with_options(timeout=timeout).webhook_subscriptions.list() == []


def test_errors_carry_the_call_and_whether_it_may_have_been_sent(mock: MockServer):
    client = leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0)
    mock.script([Fault.drop_connection()])
    with pytest.raises(leat.APIConnectionError) as info:
        client.webhook_subscriptions.create(name="n", event_type="contact_created", url="https://e.com")
    err = info.value
    assert (err.method, err.path, err.maybe_sent) == (
        "POST",
        "/api/v3/oauth/clients/webhook-subscriptions",
        True,
    )
    mock.script([Fault.delay(0.5)])
    with pytest.raises(leat.APITimeoutError) as timeout:
        client.with_options(timeout=0.1).webhook_subscriptions.list()
    assert (timeout.value.method, timeout.value.attempts, timeout.value.maybe_sent) == ("GET", 1, True)
