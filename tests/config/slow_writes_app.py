"""A WSGI application for the worker's tests: writes take a while, reads answer at once."""

import time


def application(environ, start_response):
    if environ["REQUEST_METHOD"] == "POST":
        time.sleep(float(environ.get("HTTP_X_SLEEP", "3")))
    body = f"{environ['REQUEST_METHOD']} done".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
