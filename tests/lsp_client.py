"""A minimal Language Server Protocol client for the YAML language server over stdio, as
VS Code's YAML extension runs it: open a file, read its diagnostics, ask for completions.

The server is npm's ``yaml-language-server``: found through $YAML_LANGUAGE_SERVER (the path
of its ``bin/yaml-language-server``) or on PATH. Tests that need it skip without it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any


def server_command() -> list[str] | None:
    found = os.environ.get("YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    node = shutil.which("node")
    if not found or not node or not os.path.isfile(found):
        return None
    return [node, found, "--stdio"]


class YamlLanguageServer:
    def __init__(self, command: list[str], root: Path) -> None:
        self.proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: Queue[dict[str, Any]] = Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        self.opened: set[str] = set()
        threading.Thread(target=self._read, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"documentationFormat": ["plaintext"]}}
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify(
            "workspace/didChangeConfiguration",
            {"settings": {"yaml": self._settings()}},
        )

    @staticmethod
    def _settings() -> dict[str, Any]:
        return {
            "validate": True,
            "completion": True,
            "hover": True,
            "schemaStore": {"enable": False},
        }

    def _read(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self._send(
                    {
                        "jsonrpc": "2.0",
                        "id": message["id"],
                        "result": [
                            self._settings() if i.get("section") == "yaml" else None for i in items
                        ],
                    }
                )
            elif "id" in message and "method" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self.messages.put(message)
            else:
                self.messages.put(message)

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=0.2)
            except Empty:
                continue
            if message.get("id") == ident:
                return message.get("result")
        raise TimeoutError(method)

    def open(self, path: Path, text: str, timeout: float = 30) -> list[dict[str, Any]]:
        """Open ``text`` as ``path``; the diagnostics the server publishes for it."""
        uri = path.as_uri()
        # A second didOpen of one uri races with the empty diagnostics of a close: each
        # text gets its own path.
        assert uri not in self.opened, f"{path} is al geopend"
        self.opened.add(uri)
        self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and uri not in self.diagnostics:
            time.sleep(0.05)
        return self.diagnostics.get(uri, [])

    def complete(self, path: Path, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": path.as_uri()},
                "position": {"line": line, "character": character},
            },
        )
        if isinstance(result, dict):
            return result.get("items", [])
        return result or []

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
