"""The gunicorn worker with a lane for reads, run for real and in parts."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from convenor.config.worker import JOIN_LIMIT, HeldHead, Lanes, is_read, own_listener

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server():
    """gunicorn as configured for production, with one worker and ONE general thread (and
    one read thread), serving slow writes."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:convenor.config.gunicorn",  # the production settings, but for:
            "tests.config.slow_writes_app:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "1",
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": f"{ROOT}:{ROOT / 'src'}", "CONVENOR_READ_THREADS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def request(
    port: int, method: str, headers: dict | None = None, path: str = "/"
) -> tuple[int, bytes, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, body=b"x" if method == "POST" else None, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, time.monotonic() - started


def test_a_read_is_answered_while_the_only_general_thread_is_busy(server):
    slow: list = []
    writer = threading.Thread(target=lambda: slow.append(request(server, "POST")))
    writer.start()
    time.sleep(0.5)  # the write holds the general thread
    status, body, seconds = request(server, "GET")
    writer.join()
    assert (status, body) == (200, b"GET done") and seconds < 1.5
    assert slow[0][:2] == (200, b"POST done") and slow[0][2] >= 2.5


def test_a_read_sent_after_its_connection_was_accepted_takes_the_read_lane(server):
    """On a busy machine the request often arrives after the worker accepted the connection:
    its lane is chosen when the first bytes are there, not at accept time."""
    slow: list = []
    writer = threading.Thread(target=lambda: slow.append(request(server, "POST")))
    writer.start()
    time.sleep(0.5)  # the write holds the general thread
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server), timeout=10) as client:
        time.sleep(0.3)  # accepted by now, with nothing to read yet
        client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(4096):
            answer += chunk
    seconds = time.monotonic() - started
    writer.join()
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"GET done")
    assert seconds < 1.5 and slow[0][2] >= 2.5


def test_connections_that_send_nothing_do_not_hold_threads(server):
    idle = [socket.create_connection(("127.0.0.1", server), timeout=10) for _ in range(3)]
    try:
        # one general thread and one read thread: idle connections must not occupy them
        assert request(server, "POST", {"X-Sleep": "0"})[:2] == (200, b"POST done")
        assert request(server, "GET")[:2] == (200, b"GET done")
    finally:
        for connection in idle:
            connection.close()


def test_writes_still_queue_behind_writes_on_the_general_thread(server):
    answers: list = []
    writers = [
        threading.Thread(target=lambda: answers.append(request(server, "POST", {"X-Sleep": "1"})))
        for _ in range(2)
    ]
    for writer in writers:
        writer.start()
        time.sleep(0.2)
    for writer in writers:
        writer.join()
    assert sorted(round(seconds) for _s, _b, seconds in answers) == [1, 2]


def test_keep_alive_requests_are_put_in_their_lane_each_time(server):
    connection = http.client.HTTPConnection("127.0.0.1", server, timeout=10)
    for method in ("GET", "POST", "GET", "HEAD"):
        connection.request(
            method, "/", body=b"x" if method == "POST" else None, headers={"X-Sleep": "0"}
        )
        response = connection.getresponse()
        assert response.status == 200
        assert response.read() == (b"" if method == "HEAD" else f"{method} done".encode())
    connection.close()


def test_responses_of_every_shape_arrive_whole(server):
    assert request(server, "GET", path="/stream")[:2] == (200, b"one two three")
    assert request(server, "GET", path="/large")[:2] == (200, b"x" * 200_000)
    assert request(server, "HEAD")[:2] == (200, b"")
    assert request(server, "POST", {"X-Sleep": "0"})[:2] == (200, b"POST done")


class Recording:
    """A socket that records what is written to it, one entry per call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, bytes]] = []

    def sendall(self, data, *flags):
        self.calls.append(("sendall", bytes(data)))

    def send(self, data, *flags):
        self.calls.append(("send", bytes(data)))
        return len(data)

    def sendfile(self, *args, **kwargs):
        self.calls.append(("sendfile", b""))
        return 0

    def shutdown(self, how):
        self.calls.append(("shutdown", b""))

    def fileno(self):
        return 42


def test_the_head_goes_out_with_the_first_body_bytes_in_one_write():
    sock = Recording()
    held = HeldHead(sock)
    held.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
    assert sock.calls == []
    held.sendall(memoryview(b"body"))
    held.sendall(b"more")
    held.flush()
    assert sock.calls == [("sendall", b"HTTP/1.1 200 OK\r\n\r\nbody"), ("sendall", b"more")]
    assert held.fileno() == 42  # everything else is the socket's


def test_a_head_without_body_goes_out_when_flushed():
    sock = Recording()
    held = HeldHead(sock)
    held.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")
    held.flush()
    held.flush()
    assert sock.calls == [("sendall", b"HTTP/1.1 204 No Content\r\n\r\n")]


def test_a_large_body_is_not_copied_onto_the_head():
    sock = Recording()
    held = HeldHead(sock)
    held.sendall(b"head")
    held.sendall(b"x" * (JOIN_LIMIT + 1))
    assert [len(data) for _call, data in sock.calls] == [4, JOIN_LIMIT + 1]


@pytest.mark.parametrize("call", ["send", "sendfile", "shutdown"])
def test_other_writes_send_the_held_head_first(call):
    sock = Recording()
    held = HeldHead(sock)
    held.sendall(b"head")
    if call == "send":
        held.send(b"data")
    elif call == "sendfile":
        held.sendfile(None)
    else:
        held.shutdown(socket.SHUT_WR)
    assert sock.calls[0] == ("sendall", b"head") and sock.calls[1][0] == call


def test_is_read_peeks_without_consuming():
    left, right = socket.socketpair()
    with left, right:
        assert not is_read(right)  # nothing arrived yet: no waiting
        left.sendall(b"GET / HTTP/1.1\r\n\r\n")
        time.sleep(0.05)
        assert is_read(right)
        assert right.recv(100) == b"GET / HTTP/1.1\r\n\r\n"
        left.sendall(b"POST / HTTP/1.1\r\n")
        time.sleep(0.05)
        assert not is_read(right)


def test_the_lanes_run_reads_and_the_rest_on_separate_threads():
    lanes = Lanes(1, 1)
    try:
        general = lanes.submit(threading.current_thread).result()
        other = lanes.submit_read(threading.current_thread).result()
        assert general.name.startswith("general") and other.name.startswith("reads")
    finally:
        lanes.shutdown()


def test_own_listener_joins_the_shared_socket_reuse_port_group():
    shared = socket.socket()
    shared.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    shared.bind(("127.0.0.1", 0))
    shared.listen(64)
    own = own_listener(shared, 64)
    assert own is not None
    with shared, own:
        assert own.getsockname() == shared.getsockname()
        clients = [socket.create_connection(shared.getsockname()) for _ in range(40)]
        time.sleep(0.1)
        counts = []
        for listener in (shared, own):
            listener.setblocking(False)
            accepted = 0
            while True:
                try:
                    listener.accept()[0].close()
                except BlockingIOError:
                    break
                accepted += 1
            counts.append(accepted)
        for client in clients:
            client.close()
    assert sum(counts) == 40 and min(counts) > 0  # the kernel spread them over both


def test_no_own_listener_without_reuse_port():
    shared = socket.socket()
    shared.bind(("127.0.0.1", 0))
    shared.listen(8)
    with shared:
        assert own_listener(shared, 8) is None
