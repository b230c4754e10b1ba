"""The one pseudo-terminal helper: runs the real ``gesprek`` under pexpect and renders what
it prints through a terminal emulator (pyte), so tests assert on the rows a person sees.
Text that scrolled away or was cleared is not on the screen, as in a real terminal; what
must never reach the terminal at all is checked on ``printed``, everything it was sent."""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

GESPREK = str(Path(sys.executable).parent / "gesprek")
DOWN = "\x1b[B"
TIMEOUT = 30.0


class _Terminal(pyte.Screen):
    """pyte's screen, counting full clears: a new screen of the session starts with one."""

    clears = 0

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        if how == 2:
            self.clears += 1
        super().erase_in_display(how, *args, **kwargs)  # type: ignore[arg-type]


class Screen:
    """``Screen("sessie", "--kaart", "x", cols=80, rows=24)``; ``wait_for(text)``, ``send``,
    ``text`` (the visible rows), ``row_of(text)``. Waiting: ``at_prompt`` (a session's
    prompt), ``asks`` (a questionary question), ``search`` (a pattern), ``pause``. Ending:
    ``interrupt`` (Ctrl-C), ``kill``, then ``finish`` (the exit status; ``signalstatus``).

    ``env`` replaces the environment (pass ``dict(os.environ, NAME=...)`` to add to it);
    ``answers_cursor=False`` is a terminal that never answers a cursor-position request."""

    def __init__(
        self,
        *args: str,
        cols: int = 80,
        rows: int = 24,
        env: dict[str, str] | None = None,
        program: str = GESPREK,
        answers_cursor: bool = True,
    ) -> None:
        environment = dict(os.environ if env is None else env)
        # The terminal's own size decides, as for a user (conftest pins COLUMNS for Rich).
        environment.pop("COLUMNS", None)
        environment.pop("LINES", None)
        # The emulator answers cursor-position requests as a terminal does, so
        # prompt_toolkit draws its toolbars (validation messages) as a user sees them.
        environment.pop("PROMPT_TOOLKIT_NO_CPR", None)
        environment.update(TERM="xterm", NO_COLOR="1")
        self.cols, self.rows = cols, rows
        self.screen = _Terminal(cols, rows)
        self.sent_at_clear = 0
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.fed = False
        self.child = pexpect.spawn(
            program, list(args), env=environment, dimensions=(rows, cols), timeout=TIMEOUT
        )
        if answers_cursor:  # else pyte's default: answers go nowhere
            self.screen.write_process_input = self._answer  # type: ignore[method-assign]
        self.exitstatus: int | None = None
        self.signalstatus: int | None = None

    def _answer(self, data: str) -> None:
        if self.child.isalive():
            self.child.send(data)

    # -- reading ---------------------------------------------------------------------------

    def _pump(self, wait: float) -> bool:
        """Feed what the program printed within ``wait`` seconds; False at its end.
        ``fed`` says whether anything came."""
        self.fed = False
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return True
        except pexpect.EOF:
            return False
        self.fed = True
        self.output += data
        self.stream.feed(data)
        return True

    @property
    def printed(self) -> str:
        """Everything the program wrote so far, control sequences included: for what must
        never reach the terminal at all (an English word, a raw escape from user text), even
        where it scrolled away or was drawn over."""
        return self.output.decode("utf-8", "replace")

    @property
    def cursor_line(self) -> str:
        """The row the cursor is on: where the program waits for the user's typing."""
        return self.lines[self.screen.cursor.y]

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def flat(self) -> str:
        """The visible text with the rows joined by spaces (for text that wraps)."""
        return " ".join(" ".join(self.lines).split())

    def unwrapped(self) -> str:
        """The visible text with each row the terminal wrapped (a line longer than the
        screen fills it to the last column) run on into the next without a space, the
        other rows joined by one: a plain ``print`` of a long line breaks mid-word."""
        return self._unwrap(self.lines)

    def _unwrap(self, rows: list[str]) -> str:
        joined = "".join(line if len(line) >= self.cols else line + "\n" for line in rows)
        return " ".join(joined.split())

    def wait_for(
        self,
        wanted: str | Callable[[Screen], bool],
        timeout: float = TIMEOUT,
        settle: float = 0.3,
        *,
        what: str | None = None,
    ) -> Screen:
        """Until ``wanted`` (text, or a regular expression with ``re:``, or a predicate) is on
        the screen and the program has been quiet for ``settle`` seconds. ``what`` names a
        predicate in the failure message."""
        if isinstance(wanted, str):
            if wanted.startswith("re:"):
                pattern = re.compile(wanted[3:])

                def check(s: Screen) -> bool:
                    return bool(pattern.search(s.text))
            else:

                def check(s: Screen) -> bool:
                    words = " ".join(wanted.split())
                    return wanted in s.text or words in s.flat() or words in s.unwrapped()
        else:
            check = wanted
        deadline = time.monotonic() + timeout
        alive = True
        while time.monotonic() < deadline:
            alive = self._pump(0.1)
            if check(self):
                # Let the rest of this screen arrive (a screen is drawn in several writes):
                # read until the program has been quiet for ``settle`` seconds.
                while self._pump(settle) and self.fed and time.monotonic() < deadline:
                    pass
                if check(self):
                    return self
            if not alive:
                break
        raise AssertionError(f"not on screen: {what or repr(wanted)}\n--- screen ---\n{self.text}")

    def search(self, pattern: str, timeout: float = TIMEOUT) -> re.Match[str]:
        """Until the regular expression ``pattern`` matches the screen; the match."""
        self.wait_for("re:" + pattern, timeout)
        found = re.search(pattern, self.text)
        assert found is not None
        return found

    def pause(self, seconds: float) -> Screen:
        """Keep reading for ``seconds``: what the program prints while nobody types."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self._pump(min(0.1, seconds)):
            pass
        return self

    def at_prompt(self, prefix: str, timeout: float = TIMEOUT) -> Screen:
        """Until the cursor waits on a prompt line starting with ``prefix`` (or on the row
        below it, where a long prompt wrapped): a prompt that was answered, further up the
        screen, does not count."""

        def waiting(s: Screen) -> bool:
            row = s.screen.cursor.y
            if s.lines[row].startswith(prefix):
                return True
            above = s.lines[row - 1] if row > 0 else ""
            return above.startswith(prefix) and len(above) >= s.cols - 1

        return self.wait_for(waiting, timeout, what=f"the cursor at the prompt {prefix!r}")

    def question(self) -> str:
        """The question being asked: from the last row that starts one (questionary marks
        each with ``?``) to the end of the screen, with what is typed, offered or refused
        below it; the answered questions above are left out. Rows joined as ``unwrapped``."""
        rows = self.lines
        starts = [i for i, line in enumerate(rows) if line.startswith("? ")]
        if not starts:
            return ""
        return self._unwrap(rows[starts[-1] :])

    def asks(self, text: str, timeout: float = TIMEOUT) -> Screen:
        """Until the question being asked (see ``question``) shows ``text``."""
        words = " ".join(text.split())
        return self.wait_for(
            lambda s: words in s.question(), timeout, what=f"the question asked showing {text!r}"
        )

    def row_of(self, text: str) -> int:
        for index, line in enumerate(self.lines):
            if text in line:
                return index
        return -1

    # -- typing ----------------------------------------------------------------------------

    def send(self, line: str = "") -> None:
        self.sent_at_clear = self.screen.clears
        self.child.send(line + "\r")

    def next_screen(self, *prefixes: str, timeout: float = TIMEOUT) -> str:
        """After ``send``: until the program drew a new screen (cleared the terminal) and
        waits at a prompt line starting with one of ``prefixes``; the prefix found."""
        mark = self.sent_at_clear

        def ready(s: Screen) -> bool:
            return s.screen.clears > mark and any(line.startswith(prefixes) for line in s.lines)

        self.wait_for(ready, timeout)
        return next(p for p in prefixes if any(line.startswith(p) for line in self.lines))

    def keys(self, keys: str) -> None:
        self.child.send(keys)

    def interrupt(self) -> None:
        """Ctrl-C, as the terminal sends it (its interrupt character)."""
        self.child.sendintr()

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send the program a signal, as a dying laptop or ``kill -9`` would."""
        self.child.kill(sig)

    @property
    def pid(self) -> int:
        return int(self.child.pid)

    def finish(self, timeout: float = TIMEOUT) -> int:
        """Wait for the program to end; its exit status."""
        deadline = time.monotonic() + timeout
        while self._pump(0.2) and time.monotonic() < deadline:
            pass
        self.child.close()
        self.exitstatus = self.child.exitstatus
        self.signalstatus = self.child.signalstatus
        return self.exitstatus if self.exitstatus is not None else -1

    def close(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)

    def __enter__(self) -> Screen:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
