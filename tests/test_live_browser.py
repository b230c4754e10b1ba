"""The phone page in headless Chromium (Debian's chromium and chromedriver, driven by
Selenium) at a phone's screen size, against a real server on 127.0.0.1: join, vote, change
the vote, see the reveal, content shown as text, and recovery after the connection drops.
Skipped when chromium or chromedriver is not installed."""

from __future__ import annotations

import json
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

import pytest

from gesprek.live.server import LiveServer, create_app, public_url
from gesprek.live.state import LiveState

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="chromium en chromedriver (Debian) zijn niet geïnstalleerd",
)

HOSTILE = '<img src=x onerror="document.title=1"> Wat doe je <b>nu</b>?'
OPTIONS = [("a", "Ik betaal"), ("b", "Ik neem het aan <i>stil</i>"), ("c", "Ik meld het")]


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=390,844",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 3.0}}
    )
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def join_and_vote(url: str, nummer: int, optie: str, source: str) -> None:
    """Another phone, from its own loopback address (the browser is 127.0.0.1)."""
    parts = urllib.parse.urlsplit(url)

    def call(path: str, body: dict, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json", **({"X-Token": token} if token else {})}
        connection = HTTPConnection(
            parts.hostname, parts.port, timeout=5, source_address=(source, 0)
        )
        try:
            connection.request("POST", parts.path + path, json.dumps(body).encode(), headers)
            return json.loads(connection.getresponse().read())
        finally:
            connection.close()

    token = call("api/aanmelden", {})["token"]
    call("api/stem", {"vraag": nummer, "optie": optie}, token)


def test_a_phone_joins_votes_changes_its_vote_and_sees_the_reveal(browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    state = LiveState(threshold=3)
    server = LiveServer(create_app(state), "127.0.0.1", 0)
    server.start()
    url = public_url("127.0.0.1", server.port, state.code)
    wait = WebDriverWait(browser, 8, poll_frequency=0.1)

    def visible(element_id: str) -> bool:
        return browser.find_element(By.ID, element_id).is_displayed()

    def text(element_id: str) -> str:
        return browser.find_element(By.ID, element_id).text

    try:
        browser.get(url)
        assert browser.execute_script("return window.innerWidth") == 390
        wait.until(lambda d: visible("wacht"))
        assert "Kijk mee op het scherm" in text("wacht")
        assert state.connected() == 1

        nummer = state.open("De eigenaar <wil> niet", HOSTILE, OPTIONS)
        wait.until(lambda d: visible("stemming"))
        # content is shown as text, never as markup
        assert text("vraag") == HOSTILE
        assert browser.find_elements(By.TAG_NAME, "img") == []
        assert browser.find_elements(By.CSS_SELECTOR, "#opties i") == []
        assert text("titel") == "De eigenaar <wil> niet"
        buttons = browser.find_elements(By.CSS_SELECTOR, "#opties button")
        assert "Ik neem het aan <i>stil</i>" in buttons[1].text
        assert all(b.size["width"] > 300 and b.size["height"] >= 44 for b in buttons)
        assert not visible("bevestiging")

        buttons[1].click()
        wait.until(lambda d: visible("bevestiging"))
        assert text("bevestiging") == "✔ Je stem is ontvangen: B."
        assert "wijzigen" in text("uitleg")
        assert state.tally() == {"a": 0, "b": 1, "c": 0}

        browser.find_elements(By.CSS_SELECTOR, "#opties button")[2].click()
        wait.until(lambda d: text("bevestiging").endswith("C."))
        assert state.tally() == {"a": 0, "b": 0, "c": 1}
        chosen = browser.find_elements(By.CSS_SELECTOR, "#opties button[aria-pressed=true]")
        assert len(chosen) == 1 and "Ik meld het" in chosen[0].text

        join_and_vote(url, nummer, "a", "127.0.5.1")
        join_and_vote(url, nummer, "c", "127.0.5.2")
        counts = state.close()
        wait.until(lambda d: "gesloten" in text("uitleg"))
        assert all(
            not b.is_enabled() for b in browser.find_elements(By.CSS_SELECTOR, "#opties button")
        )

        state.reveal({**counts, "b": counts["b"] + 1}, phone_votes=3)  # one raised hand
        wait.until(lambda d: visible("uitslag"))
        rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#balken li")]
        assert rows[0].startswith("A") and "1 (25%)" in rows[0]
        assert "Ik neem het aan <i>stil</i>" in rows[1] and "1 (25%)" in rows[1]
        assert "2 (50%)" in rows[2] and "jouw stem" in rows[2]
        assert text("totaal") == "4 stemmen"
        assert not visible("stemming")

        # The connection drops (the laptop's Wi-Fi, say) and comes back on the same port.
        port = server.port
        server.stop()
        wait.until(lambda d: visible("verbinding"))
        assert "Verbinding kwijt" in text("verbinding")
        server = LiveServer(create_app(state), "127.0.0.1", port)
        server.start()
        state.show("Een beetje integer bestaat niet")
        WebDriverWait(browser, 12, poll_frequency=0.1).until(lambda d: visible("wacht"))
        assert not visible("verbinding")
        assert text("titel") == "Een beetje integer bestaat niet"
    finally:
        server.stop()
