"""Leat's error codes raise the class the contract names for them, whatever the HTTP status;
a code the contract does not know is classified by the status. ``leat.exceptions.ERROR_CODES``
lists every code with its class and meaning."""

from __future__ import annotations

import json
import pickle

import leat
import pytest
from leat import _native
from leat.exceptions import ERROR_CODES
from leat.testing import Fault

CONTRACT = _native.contract()


def answered(client: leat.Client, mock, code: int, status: int = 400) -> leat.APIError:
    body = json.dumps({"message": f"scripted {code}", "code": code, "status_code": status})
    mock.script([Fault.status(status, body=body)])
    with pytest.raises(leat.APIError) as info:
        client.with_options(max_retries=0).contacts.get("9504d4b2-03c5-41d8-8423-4b1821b6aa00")
    return info.value


@pytest.mark.parametrize(
    "code, cls",
    [
        (55031, leat.NotFoundError),
        (5001, leat.NotFoundError),
        (60005, leat.ConflictError),
        (60006, leat.ConflictError),
        (55017, leat.ConflictError),
        (1017, leat.LimitError),
        (5003, leat.LimitError),
        (60000, leat.LimitError),
        (7002, leat.InactiveError),
        (7011, leat.PermissionDeniedError),
        (1003, leat.InvalidInputError),
    ],
)
def test_a_code_raises_its_class(client, mock, code, cls):
    err = answered(client, mock, code)
    assert type(err) is cls
    assert (err.code, err.status_code, err.message) == (code, 400, f"scripted {code}")


def test_the_code_wins_over_a_5xx_status(client, mock):
    assert type(answered(client, mock, 1017, status=500)) is leat.LimitError


def test_an_unknown_code_is_classified_by_its_status(client, mock):
    assert type(answered(client, mock, 999999, status=404)) is leat.NotFoundError
    err = answered(client, mock, 999999, status=400)
    assert type(err) is leat.APIError and err.code == 999999


def test_error_codes_lists_the_contracts_codes_with_their_classes():
    assert {c["code"]: (c["class"], c["meaning"]) for c in CONTRACT["error_codes"]} == {
        code: (entry.class_name, entry.meaning) for code, entry in ERROR_CODES.items()
    }
    entry = ERROR_CODES[55031]
    assert entry.code == 55031 and entry.error_class is leat.NotFoundError
    assert issubclass(ERROR_CODES[60005].error_class, leat.APIError)
    with pytest.raises(TypeError):
        ERROR_CODES[1] = entry  # type: ignore[index]


def test_the_new_classes_pickle_with_their_fields(client, mock):
    err = answered(client, mock, 60005)
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is leat.ConflictError
    assert (copy.code, copy.body, copy.headers) == (err.code, err.body, err.headers)


def test_a_hand_made_error_has_its_defaults():
    err = leat.LimitError("too few credits")
    assert (err.status_code, err.message, err.code) == (0, "too few credits", None)
    assert (err.errors, err.headers, err.body) == ({}, {}, b"")
    assert leat.APIConnectionError("gone").maybe_sent is True
    assert isinstance(leat.ValidationError("bad", argument="x"), ValueError)
