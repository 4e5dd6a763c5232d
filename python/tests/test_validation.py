"""Bad arguments raise ValidationError (also a ValueError) before anything is sent."""

from __future__ import annotations

import leat
import pytest


@pytest.mark.parametrize(
    "fields, argument",
    [
        (dict(name="", event_type="contact_created", url="https://e.com/h"), "name"),
        (dict(name="n", event_type="", url="https://e.com/h"), "event_type"),
        (dict(name="n", event_type="contact_created", url="not a url"), "url"),
        (dict(name="n", event_type="contact_created", url="/relative"), "url"),
        (dict(name="n", event_type="contact_created", url="https://e.com/h", secret=""), "secret"),
    ],
)
def test_create_checks_before_sending(client, mock, fields, argument):
    with pytest.raises(leat.ValidationError) as info:
        client.webhook_subscriptions.create(**fields)
    assert isinstance(info.value, ValueError)
    assert info.value.argument == argument
    assert argument in str(info.value)
    assert mock.requests() == []


@pytest.mark.parametrize("uuid", ["", "..", "a/b", "a?b", "a#b", "a%2F", "a b"])
def test_a_uuid_that_could_change_the_path_is_refused(client, mock, uuid):
    for call in (client.webhook_subscriptions.get, client.webhook_subscriptions.delete):
        with pytest.raises(leat.ValidationError, match="uuid"):
            call(uuid)
    assert mock.requests() == []


def test_status_must_be_active_or_inactive(client, mock):
    with pytest.raises(leat.ValidationError, match="status"):
        client.webhook_subscriptions.list(status="active")
    with pytest.raises(leat.ValidationError, match="status"):
        client.webhook_subscriptions.update("abc", status="PAUSED")
    assert mock.requests() == []


async def test_async_validation_raises_the_same_class(aclient, mock):
    with pytest.raises(leat.ValidationError):
        await aclient.webhook_subscriptions.get("a/b")
    assert mock.requests() == []


def test_wrong_python_types_raise_type_error(client, mock):
    with pytest.raises(TypeError):
        client.webhook_subscriptions.create(name=5, event_type="contact_created", url="https://e.com")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.webhook_subscriptions.create(
            name="n",
            event_type="contact_created",
            url="https://e.com",
            attributes="firstname",  # type: ignore[arg-type]
        )
    assert mock.requests() == []
