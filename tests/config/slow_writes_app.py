"""A WSGI application for the worker's tests: writes take a while, reads answer at once;
/stream answers in chunks of unknown length, /large with a body of 200 kB."""

import time


def application(environ, start_response):
    if environ["REQUEST_METHOD"] == "POST":
        time.sleep(float(environ.get("HTTP_X_SLEEP", "3")))
    path = environ.get("PATH_INFO", "/")
    if path == "/stream":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return iter([b"one ", b"two ", b"three"])
    body = b"x" * 200_000 if path == "/large" else f"{environ['REQUEST_METHOD']} done".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
