"""Proxies: one given with ``proxy=``, the environment's by default, none with ``proxy=False``;
credentials in a proxy URL are never shown."""

from __future__ import annotations

import base64
import os
import socket
import socketserver
import subprocess
import sys
import textwrap
import threading
from typing import Iterator, List, Optional

import leat
import pytest
from leat.testing import MockServer


class ConnectProxy(socketserver.ThreadingTCPServer):
    """Tunnels ``CONNECT host:port`` and records each request line and its credentials."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, require: Optional[str] = None) -> None:
        self.seen: List[str] = []
        self.credentials: List[Optional[str]] = []
        self.require = require
        super().__init__(("127.0.0.1", 0), _Tunnel)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Tunnel(socketserver.StreamRequestHandler):
    server: ConnectProxy

    def handle(self) -> None:
        line = self.rfile.readline().decode().strip()
        authorization = None
        while True:
            header = self.rfile.readline().decode().strip()
            if not header:
                break
            name, _, value = header.partition(":")
            if name.lower() == "proxy-authorization":
                authorization = value.strip()
        self.server.seen.append(line)
        self.server.credentials.append(authorization)
        if self.server.require and authorization != self.server.require:
            self.wfile.write(b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            return
        host, port = line.split()[1].rsplit(":", 1)
        upstream = socket.create_connection((host, int(port)))
        self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.wfile.flush()
        pipes = [
            threading.Thread(target=_pipe, args=pair)
            for pair in ((self.connection, upstream), (upstream, self.connection))
        ]
        for pipe in pipes:
            pipe.start()
        for pipe in pipes:
            pipe.join()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


@pytest.fixture
def tls_mock() -> Iterator[MockServer]:
    with MockServer(tls=True) as server:
        yield server


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    server = ConnectProxy()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def client(mock: MockServer, **options: object) -> leat.Client:
    return leat.Client(api_key=mock.api_key, base_url=mock.url, ca_bundle=mock.ca_pem, **options)  # type: ignore[arg-type]


def test_every_call_goes_through_the_proxy_given(tls_mock, proxy):
    client(tls_mock, proxy=proxy.url).webhook_subscriptions.list()
    port = tls_mock.url.rsplit(":", 1)[1]
    assert proxy.seen == [f"CONNECT localhost:{port} HTTP/1.1"]


async def test_the_async_client_takes_a_proxy_too(tls_mock, proxy):
    aclient = leat.AsyncClient(
        api_key=tls_mock.api_key, base_url=tls_mock.url, ca_bundle=tls_mock.ca_pem, proxy=proxy.url
    )
    assert await aclient.webhook_subscriptions.list() == []
    assert len(proxy.seen) == 1


def test_proxy_credentials_reach_the_proxy_and_never_an_error(tls_mock):
    expected = "Basic " + base64.b64encode(b"scout:s3cr3t/pass").decode()
    guarded = ConnectProxy(require=expected)
    threading.Thread(target=guarded.serve_forever, daemon=True).start()
    try:
        good = guarded.url.replace("http://", "http://scout:s3cr3t%2Fpass@")
        client(tls_mock, proxy=good).webhook_subscriptions.list()
        bad = guarded.url.replace("http://", "http://scout:wrong-pass-123@")
        wrong = client(tls_mock, proxy=bad)
        with pytest.raises(leat.APIConnectionError) as info:
            wrong.webhook_subscriptions.list()
        shown = f"{info.value} {info.value!r} {wrong!r}"
        assert "wrong-pass-123" not in shown
    finally:
        guarded.shutdown()
        guarded.server_close()


def test_a_bad_proxy_is_refused_without_showing_its_password(tls_mock):
    with pytest.raises(leat.ConfigurationError) as info:
        client(tls_mock, proxy="socks5://user:hunter22@proxy:1080")
    assert "hunter22" not in str(info.value)
    with pytest.raises(TypeError, match="proxy must be a URL"):
        client(tls_mock, proxy=True)


def test_environment_proxies_are_honoured_unless_proxy_is_false(tls_mock, proxy):
    script = textwrap.dedent(
        """
        import leat
        def client(**options):
            return leat.Client(api_key={key!r}, base_url={url!r}, ca_bundle={ca!r}, **options)
        client().webhook_subscriptions.list()
        client(proxy=False).webhook_subscriptions.list()
        """
    ).format(key=tls_mock.api_key, url=tls_mock.url, ca=tls_mock.ca_pem)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["HTTPS_PROXY"] = proxy.url
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(proxy.seen) == 1, "HTTPS_PROXY for the first client, nothing for proxy=False"
    env["NO_PROXY"] = "localhost"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(proxy.seen) == 1, "NO_PROXY exempts the host"
