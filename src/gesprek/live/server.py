"""The phone-voting web server: a small Starlette app over a ``LiveState``, and a uvicorn
runner in a background thread that binds first (so a port in use is a clear message) and
stops cleanly.

Every path carries the join code (``/<code>/...``); anything else is a 404. An address
that sent a few wrong codes waits longer after each next one, and while it waits every
request from it gets a 429, whatever code it carries. The network only ever reaches the
phones' side of the state: join, read the state, vote. Opening, closing and revealing
happen in the terminal. A vote is answered only once the commit that holds it is done.

Connections: every accepted connection gets ``TCP_NODELAY`` (the listening socket is made
here with protocol 0, so asyncio would not set it, and every answer would wait ~40 ms for
a delayed ACK); a connection that sends no complete request within ``REQUEST_SECONDS`` is
closed (uvicorn has no timeout for reading a request); one address holds at most
``PER_ADDRESS`` connections at once. So idle or half-sent connections cannot crowd out
the phones.

Anonymity: no access log, uvicorn's own loggers go nowhere, and no handler looks at the
client's user agent. The client's address is only handed to the state, which keeps a
keyed hash of it for this session. Tokens travel in an ``X-Token`` header, never in a URL."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import logging
import secrets
import socket
import threading
import time
from typing import TYPE_CHECKING, Any

from gesprek.errors import UsageError
from gesprek.live import page
from gesprek.live.state import (
    CLOSED,
    ENDED,
    FULL,
    OK,
    TOO_FAST,
    UNKNOWN_CODE,
    UNKNOWN_OPTION,
    UNKNOWN_PHONE,
    LiveState,
)

if TYPE_CHECKING:
    from gesprek.live.commit import Committer

MAX_BODY = 1024  # bytes: a vote is about 40
MAX_TOKEN = 64
REQUEST_SECONDS = 5.0  # a connection must send a complete request within this time
PER_ADDRESS = 16  # connections open at once from one address (a browser opens ~6)
STATUS = {
    OK: 200,
    UNKNOWN_PHONE: 403,
    UNKNOWN_CODE: 404,
    CLOSED: 409,
    ENDED: 410,
    UNKNOWN_OPTION: 422,
    TOO_FAST: 429,
    FULL: 503,
}
MESSAGES = {
    UNKNOWN_PHONE: "onbekende telefoon: meld je opnieuw aan",
    UNKNOWN_CODE: "niet gevonden",
    CLOSED: "deze vraag staat niet open voor stemmen",
    ENDED: "de sessie is afgelopen",
    UNKNOWN_OPTION: "onbekende optie",
    TOO_FAST: "te veel verzoeken; probeer het zo opnieuw",
    FULL: "er doen al te veel telefoons mee",
}
JSON_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(state: LiveState, committer: Committer | None = None) -> Any:
    """The Starlette application for one session's ``state``; with ``committer``, a vote
    is answered once it is stored."""
    from starlette.applications import Starlette
    from starlette.exceptions import HTTPException
    from starlette.requests import ClientDisconnect, Request
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    expected = state.code.encode()

    def answer(status: int, data: dict[str, Any]) -> Response:
        return JSONResponse(data, status_code=status, headers=JSON_HEADERS)

    def problem(status: int, message: str, extra: dict[str, Any] | None = None) -> Response:
        return answer(status, {"fout": message, **(extra or {})})

    def refusal(status: str) -> Response:
        if status == ENDED:
            return problem(410, MESSAGES[ENDED], {"stand": state.stage})
        return problem(STATUS[status], MESSAGES[status])

    def address_of(request: Request) -> str:
        return request.client.host if request.client else ""

    def door(request: Request, code: str) -> Response | None:
        """None when the request may go on; else the answer: 404 for a wrong code, 429
        while its address waits after wrong codes (whatever code it carries now)."""
        right = secrets.compare_digest(code.lower().encode(), expected)
        verdict = state.door(address_of(request), right)
        return None if verdict == OK else refusal(verdict)

    def at_door(request: Request) -> Response | None:
        return door(request, str(request.path_params.get("code", "")))

    def token_of(request: Request) -> str:
        token = request.headers.get("x-token", "")
        return token if 0 < len(token) <= MAX_TOKEN else ""

    async def body_of(request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                raise _BadRequest(400, "ongeldige lengte")
            if int(length) > MAX_BODY:
                raise _BadRequest(413, "verzoek te groot")
        data = bytearray()
        try:
            async for chunk in request.stream():
                data += chunk
                if len(data) > MAX_BODY:
                    raise _BadRequest(413, "verzoek te groot")
        except ClientDisconnect:
            raise _BadRequest(400, "verbinding verbroken") from None
        return bytes(data)

    async def json_of(request: Request) -> Any:
        raw = await body_of(request)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise _BadRequest(400, "geen geldige JSON") from None

    async def phone_page(request: Request) -> Response:
        if (refused := at_door(request)) is not None:
            return refused
        return HTMLResponse(page.HTML, headers=page.HEADERS)

    async def to_page(request: Request) -> Response:
        if (refused := at_door(request)) is not None:
            return refused
        return RedirectResponse(f"/{state.code}/", status_code=308)

    async def join(request: Request) -> Response:
        if (refused := at_door(request)) is not None:
            return refused
        try:
            await body_of(request)  # read (and bound) whatever came; its content is unused
        except _BadRequest as exc:
            return problem(exc.status, exc.message)
        status, token = state.join(address_of(request))
        if status != OK:
            return refusal(status)
        return answer(200, {"token": token})

    async def current(request: Request) -> Response:
        if (refused := at_door(request)) is not None:
            return refused
        status, view = state.poll(token_of(request))
        if view is None:
            return refusal(status)
        return answer(200, view)

    async def vote(request: Request) -> Response:
        if (refused := at_door(request)) is not None:
            return refused
        try:
            data = await json_of(request)
        except _BadRequest as exc:
            return problem(exc.status, exc.message)
        if (
            not isinstance(data, dict)
            or set(data) != {"vraag", "optie"}
            or type(data["vraag"]) is not int
            or not isinstance(data["optie"], str)
            or not 0 < len(data["optie"]) <= 80
        ):
            return problem(422, 'verwacht {"vraag": nummer, "optie": "id"}')
        status, view = state.vote(token_of(request), data["vraag"], data["optie"])
        if status == OK and view is not None:
            if committer is not None:
                try:
                    await committer.durable(state.version)
                except Exception:  # the records refused it (a full disk): not received
                    return problem(
                        503, "je stem is niet bewaard; tik over een paar tellen nog eens"
                    )
                view = state.view_of(token_of(request)) or view  # now shown as received
            return answer(200, view)
        if view is None:
            return refusal(status)
        return problem(STATUS[status], MESSAGES[status], {"stand": view})

    async def http_error(request: Request, exc: Exception) -> Response:
        code = exc.status_code if isinstance(exc, HTTPException) else 500
        if code in (404, 405):
            first = request.url.path.strip("/").split("/", 1)[0]
            if (refused := door(request, first)) is not None:
                return refused
        if code == 404:
            return problem(404, "niet gevonden")
        if code == 405:
            return problem(405, "deze methode is hier niet toegestaan")
        return problem(code, "fout in het verzoek")

    routes = [
        Route("/{code}/", phone_page, methods=["GET"]),
        Route("/{code}", to_page, methods=["GET"]),
        Route("/{code}/api/aanmelden", join, methods=["POST"]),
        Route("/{code}/api/stand", current, methods=["GET"]),
        Route("/{code}/api/stem", vote, methods=["POST"]),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: http_error})


def _quiet_uvicorn() -> None:
    """uvicorn's loggers go nowhere: no access lines, no client addresses, nothing drawn
    over the facilitator's screen."""
    # "asyncio": its error handler logs tracebacks (a dropped phone connection, say), and
    # logging's last-resort handler would print them over the projected screen.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "asyncio"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [logging.NullHandler()]
        logger.propagate = False
        logger.setLevel(logging.CRITICAL)


_BUSY = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\nContent-Length: 28\r\n\r\nte veel verbindingen tegelijk"
)


def guarded_protocol(
    request_seconds: float = REQUEST_SECONDS, per_address: int = PER_ADDRESS
) -> type:
    """uvicorn's h11 protocol with ``TCP_NODELAY`` on every connection, a deadline for
    each complete request, and at most ``per_address`` open connections per address."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    open_from: dict[str, int] = {}  # address -> open connections (no other use; in memory)

    class Guarded(H11Protocol):
        _timer: asyncio.TimerHandle | None = None
        _host: str | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError, AttributeError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            host = self.client[0] if self.client else ""
            self._host = host
            open_from[host] = open_from.get(host, 0) + 1
            if open_from[host] > per_address:
                transport.write(_BUSY)
                transport.close()
                return
            self._watch()

        def connection_lost(self, exc: Exception | None) -> None:
            host, self._host = self._host, None
            if host is not None:
                left = open_from.get(host, 1) - 1
                if left > 0:
                    open_from[host] = left
                else:
                    open_from.pop(host, None)
            self._stop_timer()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._watch()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._watch()

        def _watch(self) -> None:
            """Arm the deadline while a request is awaited or still arriving; disarm it
            once a complete request is being answered."""
            cycle = self.cycle
            waiting = cycle is None or cycle.response_complete or cycle.more_body
            if not waiting:
                self._stop_timer()
            elif self._timer is None and not self.transport.is_closing():
                self._timer = self.loop.call_later(request_seconds, self._too_slow)

        def _stop_timer(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _too_slow(self) -> None:
            self._timer = None
            if not self.transport.is_closing():
                self.transport.abort()

    return Guarded


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"kan geen verbinding openen op {host} ({exc.strerror})") from None
    try:
        if hasattr(socket, "SO_REUSEADDR") and socket.SO_REUSEADDR and not _windows():
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except socket.gaierror:
        sock.close()
        raise UsageError(
            f"onbekend adres voor --host: {host}",
            hint="Gebruik 0.0.0.0 (alle netwerken) of het IP-adres van deze laptop.",
        ) from None
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(
                f"poort {port} is al in gebruik",
                hint="Kies een andere poort met --poort, of --poort 0 voor een vrije poort.",
            ) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise UsageError(
                f"geen toestemming om poort {port} te gebruiken",
                hint="Kies een poort boven 1024, bijvoorbeeld --poort 8765.",
            ) from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise UsageError(
                f"{host} is geen adres van deze computer",
                hint="Gebruik 0.0.0.0 (alle netwerken) of het IP-adres van deze laptop.",
            ) from None
        raise UsageError(f"kan niet luisteren op {host}:{port} ({exc.strerror})") from None
    return sock


def check_address(host: str, port: int) -> None:
    """Whether the phone server could listen on ``host:port`` now (the same Dutch message
    as at the start itself), so a taken port is named before anything else happens."""
    _bind(host, port).close()


def _windows() -> bool:
    import os

    return os.name == "nt"


class LiveServer:
    """uvicorn serving ``app`` on ``host:port`` in a daemon thread. ``start()`` binds and
    waits until requests are served; ``stop()`` ends it (idempotent)."""

    def __init__(self, app: Any, host: str = "0.0.0.0", port: int = 8765) -> None:
        self.app = app
        self.host = host
        self.requested_port = port
        self.port = port
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None

    def start(self, timeout: float = 10.0) -> None:
        import uvicorn

        _quiet_uvicorn()
        sock = _bind(self.host, self.requested_port)
        self._sock = sock
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            http=guarded_protocol(),
            ws="none",
            loop="asyncio",
            proxy_headers=False,
            server_header=False,
            date_header=False,
            timeout_keep_alive=5,
            timeout_graceful_shutdown=1,
            limit_concurrency=2000,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="gesprek-live", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise UsageError("de stemserver start niet op")
            time.sleep(0.01)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive() and self._server is not None:
                self._server.force_exit = True
                self._thread.join(timeout)
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
        self._thread = None


def lan_address() -> str | None:
    """This computer's address on the local network (IPv4), as phones would reach it; None
    when there is none. Chosen without a name lookup (see ``gesprek.live.addresses``)."""
    from gesprek.live.addresses import choose

    return choose().address


def public_url(host: str, port: int, code: str) -> str:
    """The address phones open."""
    shown = host
    if host in ("", "0.0.0.0", "::"):
        shown = lan_address() or socket.gethostname()
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/{code}/"
