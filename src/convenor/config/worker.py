"""A gunicorn worker whose page reads do not wait behind writes.

gunicorn's threaded worker hands every request to one pool of threads, first come first
served. While signatures pour in, the threads are busy with writes that wait for the database,
and a visitor's page read (most often a copy from the page cache, a fraction of a millisecond
of work) waits behind them. This worker gives reads (GET and HEAD) threads of their own; the
method is read from the first bytes the client sent, without consuming them.

A new connection waits on the worker's poller, without a thread, until its first bytes arrive
(the method decides the lane), and a response's head leaves with its body in one write.

Use it with `--worker-class convenor.config.worker.ReadLaneWorker`; `--threads` sizes the pool
for the other requests and CONVENOR_READ_THREADS (default 4) the pool for reads.
"""

from __future__ import annotations

import contextlib
import errno
import os
import selectors
import socket
import time
from concurrent import futures
from functools import partial
from typing import Any

from gunicorn.workers.gthread import DEFAULT_WORKER_DATA_TIMEOUT, TConn, ThreadWorker

READ_METHODS = (b"GET ", b"HEAD ")


def peek(sock: Any) -> bytes | None:
    """The first bytes waiting on `sock`, left in the socket; None when nothing arrived yet.
    An empty result means the client closed, or the socket cannot be peeked (TLS)."""
    try:
        return sock.recv(5, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return None
    except (OSError, ValueError):
        return b""


def is_read(sock: Any) -> bool:
    """Whether the request waiting on `sock` is a GET or HEAD, from its first bytes, which stay
    in the socket. False when nothing arrived yet or the socket cannot be peeked (TLS)."""
    return (peek(sock) or b"").startswith(READ_METHODS)


JOIN_LIMIT = 64 * 1024  # a larger first body write is sent after the head, not copied onto it


class HeldHead:
    """A connection's socket while one response is written: gunicorn writes the response's head
    and its body with separate calls, which go out as two TCP segments (the sockets are
    TCP_NODELAY) that the client reads one after the other. This holds the head (the first
    write) until the body's first bytes, and sends both at once; a response without a body
    sends its head when `flush` is called at the end. Everything else is the socket's."""

    def __init__(self, sock: Any) -> None:
        self._sock = sock
        self._head: bytes | None = None
        self._started = False

    def sendall(self, data: Any, *flags: int) -> None:
        if not self._started:
            self._started = True
            self._head = bytes(data)
            return
        head, self._head = self._head, None
        if head is not None:
            if len(data) <= JOIN_LIMIT:
                self._sock.sendall(head + bytes(data), *flags)
                return
            self._sock.sendall(head, *flags)
        self._sock.sendall(data, *flags)

    def flush(self) -> None:
        head, self._head = self._head, None
        if head is not None:
            self._sock.sendall(head)

    def send(self, data: Any, *flags: int) -> int:
        self.flush()
        return self._sock.send(data, *flags)

    def sendfile(self, *args: Any, **kwargs: Any) -> int:
        self.flush()
        return self._sock.sendfile(*args, **kwargs)

    def shutdown(self, how: int) -> None:
        with contextlib.suppress(OSError):
            self.flush()
        self._sock.shutdown(how)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class Lanes(futures.Executor):
    """Two thread pools behind one executor: `submit` runs on the general pool,
    `submit_read` on the readers' pool."""

    def __init__(self, threads: int, read_threads: int) -> None:
        self.general = futures.ThreadPoolExecutor(threads, thread_name_prefix="general")
        self.reads = futures.ThreadPoolExecutor(read_threads, thread_name_prefix="reads")

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        return self.general.submit(fn, *args, **kwargs)

    def submit_read(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        return self.reads.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.general.shutdown(wait=wait, cancel_futures=cancel_futures)
        self.reads.shutdown(wait=wait, cancel_futures=cancel_futures)


def own_listener(shared: Any, backlog: int) -> socket.socket | None:
    """A listening socket of this worker's on the address of `shared`, in the same
    SO_REUSEPORT group: the kernel then spreads new connections over the workers evenly,
    instead of letting whichever worker wakes first take most of them. None when the shared
    socket is not TCP or was not opened with SO_REUSEPORT (gunicorn's --reuse-port)."""
    if shared.family not in (socket.AF_INET, socket.AF_INET6):
        return None
    if not shared.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT):
        return None
    own = socket.socket(shared.family, socket.SOCK_STREAM)
    try:
        own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        own.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        own.bind(shared.getsockname())
        own.listen(backlog)
    except OSError:
        own.close()
        return None
    return own


class ReadLaneWorker(ThreadWorker):
    def init_process(self) -> None:
        # The shared sockets stay too: the connections the kernel gives them are accepted
        # by whichever worker is free, as before.
        shared: list[Any] = self.sockets  # type: ignore[has-type]
        own = [own_listener(listener, self.cfg.backlog) for listener in shared]
        self.sockets = [*(s for s in own if s is not None), *shared]
        super().init_process()

    def get_thread_pool(self) -> Lanes:
        return Lanes(self.cfg.threads, int(os.environ.get("CONVENOR_READ_THREADS", "4")))

    def accept(self, listener: Any) -> None:
        """Accept a connection, and give it to a thread only once its first bytes arrived.

        gunicorn hands a new connection to the general pool at once, where a thread waits for
        the request. Its lane cannot be told before the request's first bytes are there, and on
        a busy machine a client's request often arrives after its connection was accepted: the
        connection waits on the poller until then, as a kept-alive one does, without a thread.
        """
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = TConn(self.cfg, client, address, listener.getsockname())  # non-blocking
        head = peek(client)
        if head is not None:
            conn.data_ready = True
            self.enqueue_req(conn, head=head)
            return
        # As long as gunicorn's thread would have waited, or a kept-alive connection waits.
        waits = max(self.cfg.keepalive, DEFAULT_WORKER_DATA_TIMEOUT)
        conn.timeout = time.monotonic() + waits
        self.pending_conns.append(conn)
        self.poller.register(  # type: ignore[union-attr]
            client, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
        )

    def handle_request(self, req: Any, conn: Any) -> bool:
        sock = conn.sock
        held = conn.sock = HeldHead(sock)
        try:
            return bool(super().handle_request(req, conn))
        finally:
            conn.sock = sock
            with contextlib.suppress(OSError):  # the client left: the next read tells
                held.flush()

    def enqueue_req(self, conn: Any, *, head: bytes | None = None) -> None:
        """Give `conn` to the readers' pool or the general one; `head`, the request's first
        bytes when the caller has just peeked them (a new connection), spares a second peek."""
        # Bytes that gunicorn already read ahead (a pipelined request) are not in the socket:
        # such a request takes the general pool, as it would without lanes.
        unreader = getattr(conn.parser, "unreader", None)
        buffered = unreader is not None and unreader.buf.getvalue()
        if buffered or getattr(conn, "is_http2", False):
            read = False
        elif head is not None:
            read = head.startswith(READ_METHODS)
        else:
            read = is_read(conn.sock)
        if read:
            future = self.tpool.submit_read(self.handle, conn)
        else:
            future = self.tpool.submit(self.handle, conn)
        future.add_done_callback(
            lambda done: self.method_queue.defer(self.finish_request, conn, done)
        )
