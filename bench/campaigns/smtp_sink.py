"""A tiny SMTP sink on 127.0.0.1: accepts every message and appends its recipients and
subject to a file, one JSON line each. Run: python smtp_sink.py PORT FILE [SECONDS]."""

from __future__ import annotations

import asyncio
import json
import sys


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, out) -> None:
    writer.write(b"220 sink ESMTP\r\n")
    rcpt: list[str] = []
    try:
        while True:
            line = await asyncio.wait_for(reader.readline(), 60)
            if not line:
                break
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                writer.write(b"250 sink\r\n")
            elif verb == b"MAIL":
                rcpt = []
                writer.write(b"250 ok\r\n")
            elif verb == b"RCPT":
                rcpt.append(line.decode(errors="replace").split(":", 1)[1].strip().strip("<>"))
                writer.write(b"250 ok\r\n")
            elif verb == b"DATA":
                writer.write(b"354 go\r\n")
                await writer.drain()
                subject, body = "", []
                while True:
                    data = await reader.readline()
                    if data in (b".\r\n", b".\n", b""):
                        break
                    text = data.decode(errors="replace")
                    if text.lower().startswith("subject:"):
                        subject = text[8:].strip()
                    body.append(text)
                out.write(json.dumps({"to": rcpt, "subject": subject}) + "\n")
                out.flush()
                writer.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"250 ok\r\n")
            await writer.drain()
    except (TimeoutError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port: int, path: str, seconds: float) -> None:
    with open(path, "a") as out:
        server = await asyncio.start_server(lambda r, w: handle(r, w, out), "127.0.0.1", port)
        async with server:
            await asyncio.sleep(seconds)


if __name__ == "__main__":
    asyncio.run(
        main(int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 3600)
    )
