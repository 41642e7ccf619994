"""Safe by default: the request body's size bounded while it arrives, a token against cross-site
forgery on every state-changing request, and headers that keep a page's content from running.

`Guard` is one ASGI middleware (no per-request Python above what it must do, so the report pages
stay quick): it refuses a body over the limit with 413 as soon as it is known to be over (from
Content-Length, or while the body streams in), refuses a state-changing request whose Origin is
another site's, gives each browser a random token in a SameSite=Strict cookie, and adds a
Content-Security-Policy that lets a page load only this site's own script, style and images (no
inline script, so a package's text cannot run even where escaping failed).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "yusuan_csrf"
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class TooLarge(Exception):
    """The request body passed the limit while it was arriving."""


class Guard:
    """The middleware described above, around the application `app`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] in UNSAFE_METHODS and not same_origin(headers):
            await _plain(send, 403, "跨站请求被拒绝（cross-site request refused）")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            await _plain(send, 413, too_large_message(self.max_bytes))
            return
        token = _cookie(headers.get("cookie", ""))
        fresh = token is None
        if token is None:
            token = secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf"] = token
        started = over = False
        received = 0

        async def counted() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise TooLarge
            return message

        async def guarded(message: Message) -> None:
            nonlocal started
            if over:  # the body passed the limit: whatever the app answers, the answer is 413
                if message["type"] == "http.response.start" and not started:
                    started = True
                    await _plain(send, 413, too_large_message(self.max_bytes))
                return
            if message["type"] == "http.response.start":
                started = True
                extra = list(HEADERS)
                if fresh:
                    cookie = f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
                    extra.append((b"set-cookie", cookie.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, counted, guarded)
        except TooLarge:
            if not started:
                await _plain(send, 413, too_large_message(self.max_bytes))


def too_large_message(limit: int) -> str:
    return f"文件过大：上限 {limit // (1024 * 1024)} MB（upload too large）"


def same_origin(headers: dict[str, str]) -> bool:
    """False when the request says it comes from a page of another site (its Origin, or without
    one its Referer, names another host, or the Origin is "null"); True otherwise (a script
    sends neither, and still needs the token)."""
    origin = headers.get("origin")
    if origin == "null":
        return False
    origin = origin or headers.get("referer")
    return not origin or urlsplit(origin).netloc == headers.get("host", "")


def _cookie(header: str) -> str | None:
    if CSRF_COOKIE not in header:
        return None
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:  # a malformed Cookie header: a fresh token
        return None
    morsel = cookie.get(CSRF_COOKIE)
    value = morsel.value if morsel is not None else ""
    return value if 16 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum() else None


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()), *HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """This browser's token (put in every form as the hidden field `csrf`)."""
    return str(request.state.csrf)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse (403) a state-changing request whose token is not the one in this browser's cookie."""
    cookie = _cookie(request.headers.get("cookie", ""))
    given = submitted or request.headers.get(CSRF_HEADER)
    if cookie is None or given is None or not hmac.compare_digest(cookie, given):
        raise HTTPException(403, "请求缺少有效的防伪令牌，请刷新页面后重试（CSRF token missing or wrong）")
