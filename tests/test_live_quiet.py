"""Nothing of asyncio or uvicorn is printed over the projected screen while the phone-voting
server runs (issue 18, point 3): a dropped phone connection makes asyncio log an error with
a traceback, which logging would otherwise print on stderr, over the card."""

from __future__ import annotations

import logging

from gesprek.live.server import LiveServer, create_app
from gesprek.live.state import LiveState


def test_asyncio_and_uvicorn_errors_never_reach_the_screen(caplog, capfd):
    server = LiveServer(create_app(LiveState(threshold=3)), "127.0.0.1", 0)
    server.start()
    try:
        caplog.set_level(logging.DEBUG)
        try:
            raise ConnectionResetError("de telefoon viel weg")
        except ConnectionResetError:
            # What asyncio's default exception handler does with such an error.
            logging.getLogger("asyncio").error("Exception in callback", exc_info=True)
            logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    finally:
        server.stop()
    err = capfd.readouterr().err
    assert "Traceback" not in err and "telefoon viel weg" not in err
    assert "telefoon viel weg" not in caplog.text
