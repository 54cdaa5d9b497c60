"""An HTTP/1.1 load generator on asyncio with raw keep-alive sockets (127.0.0.1 only)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    finished: list[float] = field(default_factory=list)  # monotonic time of each answer
    started: float = 0.0
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> int:
        return sum(v for k, v in self.statuses.items() if 200 <= k < 300)

    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def slices(self, seconds: float = 10.0) -> list[float]:
        """Answers per second in each `seconds` of the run (sustained or not)."""
        counts = [0] * max(1, int(self.seconds // seconds))
        for at in self.finished:
            index = int((at - self.started) // seconds)
            if index < len(counts):
                counts[index] += 1
        return [count / seconds for count in counts]

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def request_bytes(method: str, path: str, body: bytes = b"", headers: dict | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: keep-alive"]
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    if body or method == "POST":
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _one_connection(
    port: int,
    deadline: float,
    make: Callable[[], tuple[bytes, Any]],
    seen: Callable[[Any, int, bytes], None],
    tally: Tally,
) -> None:
    reader = writer = None
    while time.monotonic() < deadline:
        if writer is None:
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection("127.0.0.1", port), 5
                )
            except (OSError, TimeoutError):
                tally.errors += 1
                await asyncio.sleep(0.05)
                continue
        assert reader is not None and writer is not None
        raw, meta = make()
        started = time.perf_counter()
        try:
            # One deadline for the whole exchange: asyncio.timeout schedules no task of its own
            # (wait_for makes one per call), so a read of bytes already there does not wait.
            async with asyncio.timeout(30):
                writer.write(raw)
                await writer.drain()
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                lower = head.lower()
                at = lower.find(b"content-length:")
                if at >= 0:
                    length = int(lower[at + 15 : lower.find(b"\r\n", at)])
                body = await reader.readexactly(length) if length else b""
        except (
            OSError,
            TimeoutError,
            asyncio.IncompleteReadError,
            ValueError,
            asyncio.LimitOverrunError,
        ):
            tally.errors += 1
            writer.close()
            writer = None
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.finished.append(time.monotonic())
        tally.statuses[status] += 1
        seen(meta, status, body)
        if b"connection: close" in lower:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def run(
    *,
    port: int,
    connections: int,
    seconds: float,
    make: Callable[[], tuple[bytes, Any]],
    seen: Callable[[Any, int, bytes], None] = lambda meta, status, body: None,
) -> Tally:
    """`connections` keep-alive connections sending make()'s requests for `seconds`."""
    tally = Tally()
    deadline = time.monotonic() + seconds
    started = tally.started = time.monotonic()
    await asyncio.gather(
        *(_one_connection(port, deadline, make, seen, tally) for _ in range(connections))
    )
    tally.seconds = time.monotonic() - started
    return tally
