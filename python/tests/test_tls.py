"""TLS trust against the mock served over HTTPS with a private CA of its own: the CA given by
``ca_bundle=`` (path, os.PathLike, text or bytes) or by ``SSL_CERT_FILE`` is trusted; without
it the call fails as an unknown issuer with a message that says what to do; an empty system
store still builds a client that logs the bundled roots it falls back to."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from typing import Dict, Iterator

import leat
import pytest
from leat.testing import MockServer


@pytest.fixture
def tls_mock() -> Iterator[MockServer]:
    with MockServer(tls=True) as server:
        yield server


@pytest.fixture
def ca_file(tls_mock: MockServer, tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "private-ca.pem"
    assert tls_mock.ca_pem is not None
    path.write_text(tls_mock.ca_pem)
    return path


def list_with(mock: MockServer, **options: object) -> list:
    with leat.Client(api_key=mock.api_key, base_url=mock.url, **options) as client:  # type: ignore[arg-type]
        return client.webhook_subscriptions.list()


def run_child(script: str, **env: str) -> subprocess.CompletedProcess:
    child_env: Dict[str, str] = {
        k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")
    }
    child_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=child_env
    )


def test_the_https_mock_serves_localhost_and_hands_out_its_ca(tls_mock):
    assert tls_mock.url.startswith("https://localhost:")
    assert tls_mock.ca_pem.startswith("-----BEGIN CERTIFICATE-----")
    with MockServer() as plain:
        assert plain.ca_pem is None


def test_ca_bundle_as_a_path_string_is_trusted(tls_mock, ca_file):
    assert list_with(tls_mock, ca_bundle=str(ca_file)) == []


def test_ca_bundle_as_a_pathlike_is_trusted(tls_mock, ca_file):
    assert list_with(tls_mock, ca_bundle=ca_file) == []


def test_ca_bundle_as_pem_text_is_trusted(tls_mock):
    assert list_with(tls_mock, ca_bundle=tls_mock.ca_pem) == []


def test_ca_bundle_as_pem_bytes_is_trusted(tls_mock):
    assert list_with(tls_mock, ca_bundle=tls_mock.ca_pem.encode()) == []


async def test_async_client_takes_ca_bundle_too(tls_mock):
    async with leat.AsyncClient(
        api_key=tls_mock.api_key, base_url=tls_mock.url, ca_bundle=tls_mock.ca_pem
    ) as client:
        assert await client.webhook_subscriptions.list() == []


def test_without_the_ca_the_call_fails_as_an_unknown_issuer_saying_what_to_do(tls_mock):
    with pytest.raises(leat.APIConnectionError) as caught:
        list_with(tls_mock, max_retries=0)
    message = str(caught.value)
    assert "TLS certificate of localhost was refused" in message
    assert "unknown issuer" in message
    assert "ca_bundle=" in message
    assert "SSL_CERT_FILE" in message
    assert "ca-certificates" in message
    assert not isinstance(caught.value, leat.APITimeoutError)


def test_a_missing_ca_bundle_file_is_a_configuration_error_naming_it(tmp_path):
    missing = tmp_path / "no-such-ca.pem"
    with pytest.raises(leat.ConfigurationError, match="could not read") as caught:
        leat.Client(api_key="k", ca_bundle=missing)
    assert str(missing) in str(caught.value)


def test_pem_without_a_certificate_is_a_configuration_error_that_does_not_quote_it():
    pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n"
    with pytest.raises(leat.ConfigurationError, match="no PEM certificate") as caught:
        leat.Client(api_key="k", ca_bundle=pem)
    assert "c2VjcmV0" not in str(caught.value)


def test_ca_bundle_of_another_type_is_a_type_error():
    with pytest.raises(TypeError, match="ca_bundle must be"):
        leat.Client(api_key="k", ca_bundle=42)  # type: ignore[arg-type]


def test_ssl_cert_file_names_the_roots_to_trust(tls_mock, ca_file):
    script = f"""
import leat
with leat.Client(api_key={tls_mock.api_key!r}, base_url={tls_mock.url!r}) as c:
    print(len(c.webhook_subscriptions.list()))
"""
    out = run_child(script, SSL_CERT_FILE=str(ca_file))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "0"


def test_an_empty_system_store_falls_back_to_the_bundled_roots(tls_mock, tmp_path):
    empty_file = tmp_path / "empty.pem"
    empty_file.write_text("")
    empty_dir = tmp_path / "certs"
    empty_dir.mkdir()
    script = f"""
import logging, sys
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
import leat
client = leat.Client(api_key={tls_mock.api_key!r}, base_url={tls_mock.url!r}, max_retries=0)
try:
    client.webhook_subscriptions.list()
except leat.APIConnectionError as err:
    print(type(err).__name__, err)
"""
    out = run_child(script, SSL_CERT_FILE=str(empty_file), SSL_CERT_DIR=str(empty_dir))
    assert out.returncode == 0, out.stderr
    roots_lines = [line for line in out.stderr.splitlines() if "TLS roots" in line]
    assert len(roots_lines) == 1, out.stderr
    line = roots_lines[0]
    assert line.startswith("INFO leat"), line
    assert "Mozilla root certificates bundled with leat-sdk" in line
    assert "holds no certificates" in line
    count = int(line.split("TLS roots: the ")[1].split()[0])
    assert count > 100, line
    assert out.stdout.startswith("APIConnectionError "), out.stdout
    assert "unknown issuer" in out.stdout, out.stdout
