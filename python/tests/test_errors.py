"""Every exception class and field, from the sync and the async client alike."""

from __future__ import annotations

import pickle

import leat
import pytest
from conftest import api_requests, fixture
from leat.testing import Fault

UUID = "00000000-0000-4000-8000-000000000000"


def test_unknown_uuid_raises_not_found_with_every_field(client):
    with pytest.raises(leat.NotFoundError) as info:
        client.webhook_subscriptions.get(UUID)
    err = info.value
    assert isinstance(err, leat.APIError) and isinstance(err, leat.LeatError)
    assert (err.status_code, err.code) == (400, 80300)
    assert err.message == "Webhook subscription not found."
    assert err.errors == {}
    assert err.request_id
    assert err.retry_after is None
    assert UUID in str(err)


async def test_the_async_client_raises_the_same_classes(aclient):
    with pytest.raises(leat.NotFoundError) as info:
        await aclient.webhook_subscriptions.get(UUID)
    assert info.value.code == 80300


def test_invalid_input_carries_field_errors(client):
    with pytest.raises(leat.InvalidInputError) as info:
        client.webhook_subscriptions.create(name="n", event_type="no_such_type", url="https://e.com/h")
    assert info.value.code == 1003
    assert "event_type" in info.value.errors
    assert all(isinstance(m, list) for m in info.value.errors.values())


@pytest.mark.parametrize(
    "status, cls",
    [
        (401, leat.AuthenticationError),
        (403, leat.PermissionDeniedError),
        (404, leat.NotFoundError),
        (422, leat.InvalidInputError),
        (429, leat.RateLimitError),
        (503, leat.MaintenanceError),
        (500, leat.ServerError),
        (418, leat.APIError),
    ],
)
def test_http_status_maps_to_a_class(mock, status, cls):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0) as c:
        mock.script([Fault.status(status, headers={"Retry-After": "3"})])
        with pytest.raises(cls) as info:
            c.webhook_subscriptions.list()
    assert info.value.status_code == status
    if status == 429:
        assert info.value.retry_after == 3.0


def test_code_wins_over_http_status(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0) as c:
        mock.script([Fault.status(500, body=fixture("error_not_found.json"))])
        with pytest.raises(leat.NotFoundError):
            c.webhook_subscriptions.list()


def test_wrong_key_is_an_authentication_error(mock):
    with leat.Client(api_key="sk_wrong_KEY", base_url=mock.url) as c:
        with pytest.raises(leat.AuthenticationError) as info:
            c.webhook_subscriptions.list()
    assert "sk_wrong_KEY" not in str(info.value) and "sk_wrong_KEY" not in repr(info.value)


def test_nothing_listening_is_a_connection_error():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with leat.Client(api_key="k", base_url=f"http://127.0.0.1:{port}", max_retries=0) as c:
        with pytest.raises(leat.APIConnectionError) as info:
            c.webhook_subscriptions.list()
    assert not isinstance(info.value, leat.APITimeoutError)


def test_timeout_is_a_connection_error_subclass(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=0.3) as c:
        mock.script([Fault.delay(3)])
        with pytest.raises(leat.APITimeoutError) as info:
            c.webhook_subscriptions.list()
    assert isinstance(info.value, leat.APIConnectionError)
    assert info.value.timeout == pytest.approx(0.3)


def test_malformed_answer_is_a_decode_error(mock):
    with leat.Client(api_key=mock.api_key, base_url=mock.url, max_retries=0) as c:
        mock.script([Fault.status(200, body=fixture("malformed_wrong_type.json"))])
        with pytest.raises(leat.ResponseDecodeError) as info:
            c.webhook_subscriptions.list()
    assert info.value.field == "data[0].created_at"
    assert info.value.status_code == 200
    assert "created_at" in (info.value.body_snippet or "")


def test_exceptions_pickle_with_their_fields(client):
    with pytest.raises(leat.NotFoundError) as info:
        client.webhook_subscriptions.get(UUID)
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is leat.NotFoundError
    assert (copy.status_code, copy.code, copy.message, copy.request_id) == (
        400,
        80300,
        info.value.message,
        info.value.request_id,
    )
    assert str(copy) == str(info.value)
    err = leat.ValidationError("bad", argument="url")
    assert pickle.loads(pickle.dumps(err)).argument == "url"


def test_configuration_errors():
    with pytest.raises(leat.ConfigurationError, match="http"):
        leat.Client(api_key="k", base_url="http://api.piggy.eu")
    with pytest.raises(leat.ConfigurationError, match="only one"):
        leat.Client(api_key="k", access_token="t")
    with pytest.raises(leat.ConfigurationError, match="timeout"):
        leat.Client(api_key="k", timeout=-1)


def test_no_credentials_is_a_configuration_error(monkeypatch):
    monkeypatch.delenv("LEAT_API_KEY", raising=False)
    with pytest.raises(leat.ConfigurationError, match="LEAT_API_KEY"):
        leat.Client()


def test_environment_configures_the_client(monkeypatch, mock):
    monkeypatch.setenv("LEAT_API_KEY", mock.api_key)
    monkeypatch.setenv("LEAT_BASE_URL", mock.url)
    with leat.Client() as c:
        assert c.base_url == mock.url
        assert c.webhook_subscriptions.list() == []


def test_closed_client_raises(mock):
    c = leat.Client(api_key=mock.api_key, base_url=mock.url)
    c.close()
    with pytest.raises(leat.ConfigurationError, match="closed"):
        c.webhook_subscriptions.list()
    assert api_requests(mock) == []
