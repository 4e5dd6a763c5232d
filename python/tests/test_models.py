"""Models: typed read-only fields over the object as Leat sent it; ``to_dict()`` gives that
object back exactly (key order, unknown fields, numbers); equality by value, hashing,
pickling, a short ``repr``; PHP's ``[]`` for an empty object, optional and nested fields, and
a field named after a Python keyword."""

from __future__ import annotations

import datetime
import json
import pathlib
import pickle

import leat
import pytest
from leat.testing import Fault

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "spec" / "examples"


def example(operation: str) -> dict:
    data: dict = json.loads((EXAMPLES / f"{operation}.json").read_text())["data"]
    return data


def test_a_contact_reads_its_nested_fields_as_models():
    contact = leat.Contact(example("contacts.get"))
    assert contact.uuid == "123" and isinstance(contact.id, int)
    assert all(isinstance(a, leat.ContactAttribute) for a in contact.attributes)
    assert contact.attributes[0].attribute.name == "avatar"
    balance = contact.credit_balance
    assert balance is None or isinstance(balance, leat.CreditBalance)


def test_to_dict_gives_the_object_back_as_it_came(client, mock):
    text = '{"uuid": "u", "zeta": 1, "amount": 1.0e+25, "big": 18446744073709551615, "email": null}'
    mock.script([Fault.status(200, body='{"data": %s, "meta": []}' % text)])
    contact = client.contacts.get("u")
    assert json.dumps(contact.to_dict()) == json.dumps(json.loads(text))
    assert list(contact.to_dict()) == ["uuid", "zeta", "amount", "big", "email"]
    copy = contact.to_dict()
    copy["uuid"] = "changed"
    assert contact.uuid == "u", "to_dict() is a copy"


def test_optional_fields_read_as_none_and_absent_lists_as_empty():
    contact = leat.Contact({"uuid": "u"})
    assert (contact.email, contact.tier, contact.credit_balance, contact.current_values) == (None,) * 4
    assert contact.attributes == [] and contact.subscriptions == []


def test_phps_empty_array_reads_as_an_absent_object_and_an_empty_map():
    contact = leat.Contact({"uuid": "u", "tier": [], "current_values": []})
    assert contact.tier is None
    assert contact.current_values == {}
    assert leat.Contact([]).to_dict() == {}  # type: ignore[arg-type]


def test_a_model_is_made_from_a_dict_only():
    with pytest.raises(TypeError, match="Contact"):
        leat.Contact("u")  # type: ignore[arg-type]


def test_datetimes_are_aware_and_read_by_the_cores_rule():
    sub = leat.WebhookSubscription(
        {
            "uuid": "u",
            "name": "n",
            "event_type": "x",
            "url": "https://e.com",
            "status": "ACTIVE",
            "version": "V1",
            "created_at": "2023-11-13 12:32:43+00:00",
        }  # fmt: skip
    )
    assert sub.created_at == datetime.datetime(2023, 11, 13, 12, 32, 43, tzinfo=datetime.timezone.utc)
    assert sub.to_dict()["created_at"] == "2023-11-13 12:32:43+00:00"


def test_a_keyword_field_reads_with_a_trailing_underscore():
    processed = leat.ProcessedOrderReturn({"return": {"uuid": "r", "status": "PENDING"}, "result": None})
    assert isinstance(processed.return_, leat.OrderReturn) and processed.return_.uuid == "r"
    assert processed.result is None
    assert "Leat names it ``return``" in " ".join((type(processed).return_.__doc__ or "").split())


def test_models_compare_hash_and_pickle_by_value():
    a = leat.Contact({"uuid": "u", "current_values": {"x": [1, 2]}})
    b = leat.Contact({"current_values": {"x": [1, 2]}, "uuid": "u"})
    assert a == b and hash(a) == hash(b)
    assert a != leat.Contact({"uuid": "v"}) and a != {"uuid": "u"}
    assert leat.Tier({"uuid": "u"}) != leat.Contact({"uuid": "u"})
    again = pickle.loads(pickle.dumps(a))
    assert again == a and type(again) is leat.Contact and again.to_dict() == a.to_dict()
    assert len({a, b}) == 1


def test_models_are_read_only():
    contact = leat.Contact({"uuid": "u"})
    with pytest.raises(AttributeError):
        contact.uuid = "v"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        contact.anything = 1  # type: ignore[attr-defined]


def test_repr_names_the_model_and_stays_short():
    contact = leat.Contact({"uuid": "u", "email": "e" * 500, "attributes": [{}] * 1000, "extra": 1})
    text = repr(contact)
    assert text.startswith("Contact(uuid='u', email='eee") and "[1000 items]" in text
    assert text.endswith("...)") and len(text) < 500
