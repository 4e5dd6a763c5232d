"""The package's surface: every operation the core lists is a method where the listing says,
taking its arguments by the call convention; every name of ``__all__`` resolves; ``import
leat`` loads none of the generated modules until a name is used."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap

import leat
import pytest
from leat import _native

OPERATIONS = _native.operations()


def method_at(client: object, dotted: str) -> object:
    target = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


@pytest.mark.parametrize("entry", OPERATIONS, ids=[e["id"] for e in OPERATIONS])
def test_every_operation_is_a_method_taking_its_arguments_by_the_call_convention(entry):
    client = leat.Client(api_key="k", base_url="http://127.0.0.1:9")
    aclient = leat.AsyncClient(api_key="k", base_url="http://127.0.0.1:9")
    for method in (method_at(client, entry["python"]), method_at(aclient, entry["python"])):
        parameters = list(inspect.signature(method).parameters.values())  # type: ignore[arg-type]
        path = [p["name"] for p in entry["params"] if p["in"] == "path"]
        others = [p for p in entry["params"] if p["in"] != "path"]
        assert [p.name for p in parameters[: len(path)]] == path
        assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters[: len(path)])
        rest = parameters[len(path) :]
        assert [p.name for p in rest] == [p["name"] for p in others]
        assert all(p.kind is p.KEYWORD_ONLY for p in rest)
        for param, listed in zip(rest, others):
            assert (param.default is param.empty) == listed["required"], param
        assert method.__doc__ and entry["path"] in method.__doc__  # type: ignore[operator]
    group, name = entry["python"].split(".")
    for resource in (getattr(client, group), getattr(aclient, group)):
        raw = getattr(resource.with_raw_response, name)
        plain = getattr(resource, name)
        assert inspect.signature(raw).parameters == inspect.signature(plain).parameters


def test_every_exported_name_resolves_and_dir_lists_it():
    for name in leat.__all__:
        assert getattr(leat, name) is not None, name
    assert set(leat.__all__) <= set(dir(leat))
    assert len(leat.__all__) == len(set(leat.__all__))
    assert leat.Contact is leat.models.Contact is leat.models.contacts.Contact
    assert leat.Contacts is leat.resources.Contacts
    assert leat.NotFoundError is leat.exceptions.NotFoundError


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="NoSuchThing"):
        leat.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(AttributeError):
        leat.models.NoSuchModel  # type: ignore[attr-defined]  # noqa: B018


def test_import_leat_loads_no_generated_module_until_a_name_is_used():
    code = textwrap.dedent(
        """
        import sys, leat
        loaded = lambda: sorted(m for m in sys.modules if m.startswith(("leat.models", "leat.resources",
            "leat.exceptions", "leat.enums", "leat.webhooks")))
        print(loaded())
        client = leat.Client(api_key="k", base_url="http://127.0.0.1:9")
        print(loaded())
        client.webhook_subscriptions
        print(loaded())
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    before, made, used = out.stdout.splitlines()
    assert before == "[]" and made == "[]"
    assert "leat.resources.webhook_subscriptions" in used and "leat.models.webhook_subscriptions" in used
    assert "leat.resources.contacts" not in used


def test_a_group_is_made_once_per_client_and_views_have_their_own():
    client = leat.Client(api_key="k", base_url="http://127.0.0.1:9")
    assert client.contacts is client.contacts
    assert isinstance(client.contacts, leat.Contacts)
    view = client.with_options(timeout=1)
    assert isinstance(view, leat.Client) and view.contacts is not client.contacts
    assert isinstance(leat.AsyncClient(api_key="k").contacts, leat.AsyncContacts)


def test_enums_are_strings_and_every_enum_of_the_spec_is_there():
    assert leat.EventType.CONTACT_CREATED == "contact_created" and str(leat.Status.ACTIVE) == "ACTIVE"
    assert leat.VoucherStatus("REDEEMED") is leat.VoucherStatus.REDEEMED
    assert set(leat.enums.__all__) >= {"EventType", "Status", "VoucherStatus", "OrderStatus"}
