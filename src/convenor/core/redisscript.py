"""One Lua script run on Redis over a plain socket, with the least work per call.

The general Redis client costs about 0.1 ms of CPU per command in its connection pool, retry
wrappers and reply parsers; a hot path that sends one script per request (the signature rate
limits) spends that on every request. `Script` keeps one socket per thread, sends EVALSHA (the
script's source once, when the server does not know it yet) and reads the integer replies.
TCP URLs only (redis://user:password@host:port/db); `Script.for_url` returns None for others
(TLS, Unix sockets), and callers use the general client instead.
"""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Sequence
from urllib.parse import unquote, urlsplit

TIMEOUT_SECONDS = 1.0


class ReplyError(Exception):
    """Redis answered with an error."""


def _command(*parts: bytes | str | int) -> bytes:
    out = [b"*%d\r\n" % len(parts)]
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


class _Reader:
    """The replies of one connection: integers, arrays of them, status lines and errors."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def _line(self) -> bytes:
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line, self.buffer = self.buffer[:end], self.buffer[end + 2 :]
                return line
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("Redis closed the connection")
            self.buffer += chunk

    def reply(self) -> object:
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b":":
            return int(rest)
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise ReplyError(rest.decode(errors="replace"))
        if kind == b"*":
            return [self.reply() for _ in range(int(rest))]
        if kind == b"$":
            size = int(rest)
            if size < 0:
                return None
            while len(self.buffer) < size + 2:
                chunk = self.sock.recv(65536)
                if not chunk:
                    raise ConnectionError("Redis closed the connection")
                self.buffer += chunk
            data, self.buffer = self.buffer[:size], self.buffer[size + 2 :]
            return data
        raise ConnectionError(f"unexpected reply from Redis: {line[:40]!r}")


class Script:
    """`script(keys, args)` runs the Lua `source` with those KEYS and ARGV and returns its
    reply. Socket errors propagate (the connection is dropped and made again next time)."""

    def __init__(
        self,
        source: str,
        *,
        host: str,
        port: int,
        db: int = 0,
        username: str = "",
        password: str = "",
    ) -> None:
        self.source = source
        self.sha = hashlib.sha1(source.encode()).hexdigest()
        self.address = (host, port)
        self.db = db
        self.username = username
        self.password = password
        self._local = threading.local()

    @classmethod
    def for_url(cls, url: str, source: str) -> Script | None:
        parts = urlsplit(url)
        if parts.scheme != "redis" or not parts.hostname:
            return None
        path = parts.path.strip("/")
        return cls(
            source,
            host=parts.hostname,
            port=parts.port or 6379,
            db=int(path) if path.isdigit() else 0,
            username=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
        )

    def _connect(self) -> _Reader:
        sock = socket.create_connection(self.address, timeout=TIMEOUT_SECONDS)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader = _Reader(sock)
        setup = []
        if self.password:
            auth = (self.username, self.password) if self.username else (self.password,)
            setup.append(_command("AUTH", *auth))
        if self.db:
            setup.append(_command("SELECT", self.db))
        if setup:
            sock.sendall(b"".join(setup))
            for _ in setup:
                reader.reply()
        return reader

    def __call__(self, keys: Sequence[str], args: Sequence[int | str]) -> object:
        reader = getattr(self._local, "reader", None)
        try:
            if reader is None:
                reader = self._local.reader = self._connect()
            reader.sock.sendall(_command("EVALSHA", self.sha, len(keys), *keys, *args))
            try:
                return reader.reply()
            except ReplyError as error:
                if not str(error).startswith("NOSCRIPT"):
                    raise
            reader.sock.sendall(_command("EVAL", self.source, len(keys), *keys, *args))
            return reader.reply()
        except (OSError, ConnectionError):
            self.close()
            raise

    def close(self) -> None:
        reader = getattr(self._local, "reader", None)
        self._local.reader = None
        if reader is not None:
            reader.sock.close()
