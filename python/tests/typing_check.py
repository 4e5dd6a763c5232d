"""A user-style script touching every public name; `mypy --strict` checks it (make test)."""

from __future__ import annotations

import asyncio
import datetime
import pathlib
from typing import Any, Dict, List, Optional, Tuple, Type

import leat
from leat import exceptions
from leat.testing import Fault, MockServer
from leat.webhooks import WebhookEvent
from leat.webhooks import django as leat_django
from leat.webhooks import fastapi as leat_fastapi
from leat.webhooks import flask as leat_flask


def sync_usage(mock: MockServer) -> None:
    with leat.Client(
        api_key=mock.api_key,
        base_url=mock.url,
        timeout=5.0,
        connect_timeout=2.0,
        max_retries=1,
        partner_id="p",
    ) as client:
        subs: leat.WebhookSubscriptions = client.webhook_subscriptions
        created: leat.WebhookSubscription = subs.create(
            name="n",
            event_type=leat.EventType.CONTACT_UPDATED,
            url="https://example.com/h",
            secret="s",
            attributes=["firstname"],
        )
        uuid: str = created.uuid
        name: str = created.name
        event_type: str = created.event_type
        url: str = created.url
        properties: List[Any] = created.properties
        status: str = created.status
        version: str = created.version
        created_at: datetime.datetime = created.created_at
        raw: Dict[str, Any] = created.to_dict()
        listed: List[leat.WebhookSubscription] = subs.list(
            event_type="contact_updated", status=leat.Status.ACTIVE
        )
        fetched = subs.get(uuid)
        updated = subs.update(
            uuid, name="m", url="https://example.com/i", status="INACTIVE", attributes=["lastname"]
        )
        subs.delete(uuid)
        print(name, event_type, url, properties, status, version, created_at, raw, listed, fetched == updated)
        base: str = client.base_url
        print(base)
    leat.Client(client_id=42, client_secret="x", base_url=mock.url).close()
    leat.Client(access_token="t", base_url=mock.url).close()


def tls_usage() -> None:
    with MockServer(tls=True) as mock:
        ca: Optional[str] = mock.ca_pem
        assert ca is not None
        leat.Client(api_key=mock.api_key, base_url=mock.url, ca_bundle=ca).close()
        leat.Client(api_key=mock.api_key, base_url=mock.url, ca_bundle=ca.encode()).close()
        leat.Client(api_key=mock.api_key, base_url=mock.url, ca_bundle=pathlib.Path("ca.pem")).close()


async def async_usage(mock: MockServer) -> None:
    async with leat.AsyncClient(api_key=mock.api_key, base_url=mock.url) as client:
        subs: leat.AsyncWebhookSubscriptions = client.webhook_subscriptions
        created = await subs.create(name="n", event_type="contact_created", url="https://example.com/h")
        both = await asyncio.gather(subs.get(created.uuid), subs.list())
        print(both)
        await subs.update(created.uuid, status="INACTIVE")
        await subs.delete(created.uuid)
    other = leat.AsyncClient(api_key="k", base_url=mock.url)
    await other.close()


def errors() -> None:
    classes: List[type] = [
        leat.LeatError,
        leat.APIError,
        leat.NotFoundError,
        leat.InvalidInputError,
        leat.AuthenticationError,
        leat.PermissionDeniedError,
        leat.RateLimitError,
        leat.MaintenanceError,
        leat.ServerError,
        leat.APIConnectionError,
        leat.APITimeoutError,
        leat.ResponseDecodeError,
        leat.ValidationError,
        leat.ConfigurationError,
        leat.SignatureVerificationError,
        leat.InternalError,
        exceptions.LeatError,
    ]
    print(classes)
    try:
        leat.Client(api_key="k", base_url="http://example.com")
    except leat.ConfigurationError as err:
        print(str(err))
    api = leat.NotFoundError("x", status_code=400, code=80300)
    status_code: int = api.status_code
    code: Optional[int] = api.code
    message: str = api.message
    field_errors: Dict[str, List[str]] = api.errors
    request_id: Optional[str] = api.request_id
    retry_after: Optional[float] = api.retry_after
    argument: Optional[str] = leat.ValidationError("bad", argument="url").argument
    timeout: Optional[float] = leat.APITimeoutError("slow", timeout=1.0).timeout
    print(status_code, code, message, field_errors, request_id, retry_after, argument, timeout)


def webhook_usage(mock: MockServer) -> None:
    body = b'{"type":"contact_created","data":{}}'
    signature: str = leat.webhooks.sign(body, "s")
    leat.webhooks.verify_signature(body, signature, ["old", "s"])
    event: leat.webhooks.WebhookEvent = leat.webhooks.construct_event(
        body.decode(), {"Signature": signature}, "s"
    )
    kind: str = event.event_type
    data: Dict[str, Any] = event.data
    found: Optional[str] = leat.webhooks.signature_from_headers([("signature", signature)])
    try:
        leat.webhooks.construct_event(body, "bad", "s")
    except leat.SignatureVerificationError as err:
        reason: Optional[str] = err.reason
        print(reason)
    deliveries: List[Dict[str, Any]] = mock.trigger("contact_created", {"contact": {"uuid": "c"}})
    print(kind, data, found, deliveries, mock.webhook_secret, leat.webhooks.SIGNATURE_HEADER)


def typed_event_usage(mock: MockServer) -> None:
    event = WebhookEvent("credit_reception_created", {"credit_reception": {"contact": {"uuid": "123"}}})
    reception: Optional[leat.CreditReception] = event.credit_reception
    contact: Optional[leat.Contact] = event.contact
    entity: Optional[leat.webhooks.Entity] = event.entity
    with leat.Client(api_key=mock.api_key, base_url=mock.url) as client:
        resolved: Optional[leat.webhooks.Entity] = client.webhooks.resolve(event)
    if isinstance(resolved, leat.Contact):
        print(resolved.uuid)
    print(reception, contact, entity)


async def typed_event_async_usage(client: leat.AsyncClient, event: WebhookEvent) -> None:
    resolved: Optional[leat.webhooks.Entity] = await client.webhooks.resolve(event)
    print(resolved)


def options_usage(mock: MockServer) -> None:
    client = leat.Client(api_key=mock.api_key, base_url=mock.url, timeout=float("inf"), proxy=False)
    quick: leat.Client = client.with_options(timeout=2.0, max_retries=0)
    quick.webhook_subscriptions.list()
    aclient: leat.AsyncClient = leat.AsyncClient(api_key=mock.api_key, base_url=mock.url).with_options(
        timeout=5.0
    )
    print(aclient.base_url, leat.Client(api_key="k", proxy="http://proxy.example.com:3128").base_url)
    try:
        quick.webhook_subscriptions.get("missing")
    except leat.APITimeoutError as err:
        attempts: Optional[int] = err.attempts
        print(attempts, err.timeout, err.maybe_sent)
    except leat.APIConnectionError as err:
        sent: bool = err.maybe_sent
        print(sent, err.method, err.path)
    except leat.APIError as err:
        method: Optional[str] = err.method
        print(method, err.path)


async def coroutine_usage(client: leat.AsyncClient) -> None:
    task: "asyncio.Task[List[leat.WebhookSubscription]]" = asyncio.create_task(
        client.webhook_subscriptions.list()
    )
    print(await asyncio.wait_for(task, timeout=5))


def receiver_usage() -> None:
    from typing import Annotated, Awaitable, Callable

    from django.http import HttpRequest, HttpResponse, HttpResponseBase
    from fastapi import Depends, FastAPI
    from flask import Flask
    from flask.typing import ResponseReturnValue
    from starlette.requests import Request
    from starlette.responses import Response

    api = FastAPI()
    dependency: Callable[[Request], Awaitable[WebhookEvent]] = leat_fastapi.leat_event()
    rotating = leat_fastapi.leat_event(secret=["whsec_old", b"whsec_new"])

    @api.post("/leat/webhooks", status_code=204)
    async def receive(event: Annotated[WebhookEvent, Depends(rotating)]) -> None:
        print(event.event_type, event.data)

    async def starlette_route(request: Request) -> Response:
        event: WebhookEvent = await dependency(request)
        return Response(event.event_type)

    app = Flask(__name__)

    @app.post("/leat/webhooks/<shop>")
    @leat_flask.verified(secret="whsec_...")
    def flask_view(event: WebhookEvent, shop: str) -> Tuple[str, int]:
        return f"{shop} {event.event_type}", 202

    @leat_flask.verified()
    def flask_quiet(event: WebhookEvent) -> None:
        print(event.data)

    flask_answer: ResponseReturnValue = flask_view("amsterdam")
    print(receive, starlette_route, flask_answer, flask_quiet)

    @leat_django.verified(secret=b"whsec_...")
    def django_view(request: HttpRequest, event: WebhookEvent, shop: str) -> HttpResponse:
        return HttpResponse(f"{shop} {event.event_type}")

    @leat_django.verified()
    def django_quiet(request: HttpRequest, event: WebhookEvent) -> None:
        print(event.data)

    @leat_django.verified()
    async def django_async(request: HttpRequest, event: WebhookEvent) -> None:
        print(event.data)

    sync_view: Callable[[HttpRequest, str], HttpResponseBase] = django_view
    quiet_view: Callable[[HttpRequest], HttpResponseBase] = django_quiet
    async_view: Callable[[HttpRequest], Awaitable[HttpResponseBase]] = django_async
    print(sync_view, quiet_view, async_view)


def api_usage(client: leat.Client) -> None:
    contacts: leat.Contacts = client.contacts
    contact: leat.Contact = contacts.find_or_create(email="jane@example.com")
    uuid: str = contact.uuid
    email: Optional[str] = contact.email
    tier: Optional[leat.Tier] = contact.tier
    values: Optional[Dict[str, Any]] = contact.current_values
    attributes: List[leat.ContactAttribute] = contact.attributes
    raw_dict: Dict[str, Any] = contact.to_dict()
    page: leat.Page[leat.Contact] = contacts.list(limit=10, created_at={"gte": "2023-01-01T00:00:00+00:00"})
    first: List[leat.Contact] = page.data
    numbers: Tuple[int, Optional[int], Optional[int], Optional[int]] = (
        page.page,
        page.last_page,
        page.per_page,
        page.total,
    )
    following: Optional[leat.Page[leat.Contact]] = page.next_page()
    more: bool = page.has_next_page()
    every: List[str] = [c.uuid for c in page]
    pages: List[int] = [p.page for p in page.iter_pages()]
    raw: leat.RawResponse[leat.Contact] = contacts.with_raw_response.get(uuid)
    status: int = raw.status_code
    content: bytes = raw.content
    text: str = raw.text
    request_id: Optional[str] = raw.request_id
    limit: Optional[int] = raw.rate_limit_limit
    remaining: Optional[int] = raw.rate_limit_remaining
    header: Optional[str] = raw.headers.get("x-request-id")
    parsed: leat.Contact = raw.parse()
    raw_page: leat.RawResponse[leat.Page[leat.Contact]] = contacts.with_raw_response.list()
    reception: leat.CreditReception = client.credit_receptions.create(
        contact_uuid=uuid, shop_uuid="s", credits=10, custom_attributes={"pos": "till-3"}
    )
    when: datetime.datetime = reception.created_at
    code: leat.exceptions.ErrorCode = leat.exceptions.ERROR_CODES[55031]
    cls: Type[leat.APIError] = code.error_class
    print(email, tier, values, attributes, raw_dict, first, numbers, following, more, every, pages)
    print(status, content, text, request_id, limit, remaining, header, parsed, raw_page, when, cls)


async def async_api_usage(client: leat.AsyncClient) -> None:
    pager: leat.AsyncPager[leat.Contact] = client.contacts.list(limit=10)
    first: leat.AsyncPage[leat.Contact] = await pager
    following: Optional[leat.AsyncPage[leat.Contact]] = await first.next_page()
    every: List[str] = [c.uuid async for c in client.contacts.list()]
    pages: List[int] = [p.page async for p in first.iter_pages()]
    contact: leat.Contact = await client.contacts.get("u")
    raw: leat.RawResponse[leat.Contact] = await client.contacts.with_raw_response.get("u")
    raw_page: leat.RawResponse[leat.AsyncPage[leat.Contact]] = await client.contacts.with_raw_response.list()
    print(following, every, pages, contact, raw.parse(), raw_page.parse().data)


def main() -> None:
    with MockServer(api_key="key", token_ttl=60.0, webhook_secret="w", delivery_backoff=0.01) as mock:
        mock.script([Fault.status(503, headers={"Retry-After": "0"}), Fault.delay(0.01)])
        mock.script([Fault.drop_connection(path="/x"), Fault.malformed_body(path="/y")])
        mock.script([Fault.echo(), Fault.echo(502, path="/oauth/token", method="POST")])
        sync_usage(mock)
        tls_usage()
        asyncio.run(async_usage(mock))
        options_usage(mock)
        asyncio.run(coroutine_usage(leat.AsyncClient(api_key=mock.api_key, base_url=mock.url)))
        webhook_usage(mock)
        typed_event_usage(mock)
        receiver_usage()
        requests: List[Dict[str, Any]] = mock.requests()
        stored: List[Dict[str, Any]] = mock.subscriptions()
        tokens: int = mock.token_requests()
        mock.expire_tokens()
        print(len(requests), stored, tokens, mock.client_id, mock.client_secret, leat.__version__)
    errors()


if __name__ == "__main__":
    main()
