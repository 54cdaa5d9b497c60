"""The page cache in front of Django: what it keeps, for whom, and for how long."""

import time

import pytest

from convenor.core.pagecache import NOW, SHARED, PageCache


class Page:
    """A WSGI app that counts its calls and answers with the headers it is given."""

    def __init__(self, headers=(), status="200 OK", body=b"page"):
        self.calls = 0
        self.headers = list(headers)
        self.status = status
        self.body = body

    def __call__(self, environ, start_response):
        self.calls += 1
        body = self.body.replace(b"{n}", str(self.calls).encode())
        start_response(self.status, [*self.headers, ("Content-Length", str(len(body)))])
        return [body]


def get(app, path="/statements/a/", **environ):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path, **environ}, start_response))
    return seen["status"], seen["headers"], body


def test_shareable_page_is_served_from_memory_until_it_expires(monkeypatch):
    page = Page([(SHARED, "2")], body=b"render {n}")
    app = PageCache(page)
    assert get(app)[2] == b"render 1"
    assert get(app)[2] == b"render 1"
    assert page.calls == 1 and app.hits == 1
    later = time.monotonic() + 3
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert get(app)[2] == b"render 2"


def test_internal_headers_never_leave_and_length_is_right():
    app = PageCache(Page([(SHARED, "2"), (NOW, "1000000000")], body=b"t=1000000000"))
    for _ in range(2):
        _status, headers, body = get(app)
        assert SHARED not in headers and NOW not in headers
        assert int(headers["Content-Length"]) == len(body)


def test_the_rendered_time_is_replaced_by_the_current_time_on_each_serve():
    app = PageCache(Page([(SHARED, "60"), (NOW, "1000000000")], body=b"t=1000000000"))
    get(app)
    _status, _headers, body = get(app)
    served = int(body.split(b"=")[1])
    assert abs(served - time.time()) < 5


@pytest.mark.parametrize(
    "environ",
    [
        {"REQUEST_METHOD": "POST"},
        {"HTTP_AUTHORIZATION": "Bearer x"},
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_COOKIE": "django_language=fr; messages=xyz"},
    ],
)
def test_requests_with_an_identity_are_never_served_from_memory(environ):
    page = Page([(SHARED, "60")], body=b"render {n}")
    app = PageCache(page)
    get(app, **environ)
    get(app, **environ)
    assert page.calls == 2 and app.hits == 0


def test_language_cookie_and_accept_language_keep_pages_apart():
    page = Page([(SHARED, "60")], body=b"render {n}")
    app = PageCache(page)
    assert get(app, HTTP_COOKIE="django_language=fr")[2] == b"render 1"
    assert get(app, HTTP_COOKIE="django_language=es; csrftoken=t")[2] == b"render 2"
    assert get(app, HTTP_ACCEPT_LANGUAGE="es")[2] == b"render 3"
    assert get(app, HTTP_COOKIE="csrftoken=u; django_language=fr")[2] == b"render 1"
    assert get(app, HTTP_ACCEPT_LANGUAGE="es")[2] == b"render 3"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ([], "200 OK"),
        ([(SHARED, "60"), ("Set-Cookie", "csrftoken=x")], "200 OK"),
        ([(SHARED, "60")], "404 Not Found"),
        ([(SHARED, "soon")], "200 OK"),
    ],
)
def test_only_shareable_successful_cookieless_answers_are_kept(headers, status):
    page = Page(headers, status=status)
    app = PageCache(page)
    get(app)
    get(app)
    assert page.calls == 2


def test_the_cache_stays_bounded():
    page = Page([(SHARED, "60")])
    app = PageCache(page, max_entries=10)
    for n in range(25):
        get(app, path=f"/p/{n}/")
    assert len(app._entries) <= 10


class SlowPage(Page):
    """A page whose render waits until the test lets it finish."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        import threading

        self.rendering = threading.Event()
        self.finish = threading.Event()

    def __call__(self, environ, start_response):
        if self.calls:  # the first render (filling the cache) is quick
            self.rendering.set()
            assert self.finish.wait(10)
        return super().__call__(environ, start_response)


def test_an_expired_page_is_rendered_by_one_thread_while_the_others_serve_the_copy(monkeypatch):
    import threading

    page = SlowPage([(SHARED, "2")], body=b"render {n}")
    app = PageCache(page)
    assert get(app)[2] == b"render 1"
    later = time.monotonic() + 3
    monkeypatch.setattr(time, "monotonic", lambda: later)
    refreshed: list = []
    renderer = threading.Thread(target=lambda: refreshed.append(get(app)[2]))
    renderer.start()
    assert page.rendering.wait(10)
    # While the one render runs, every other visitor gets the copy at once.
    assert [get(app)[2] for _ in range(5)] == [b"render 1"] * 5
    assert app.stale_hits == 5
    page.finish.set()
    renderer.join()
    assert refreshed == [b"render 2"] and page.calls == 2
    assert get(app)[2] == b"render 2"


def test_a_copy_too_old_is_not_served_even_while_a_render_runs(monkeypatch):
    page = Page([(SHARED, "2")], body=b"render {n}")
    app = PageCache(page, stale_seconds=5)
    get(app)
    app._refreshes.claim(app._key({"REQUEST_METHOD": "GET", "PATH_INFO": "/statements/a/"}))
    later = time.monotonic() + 2 + 6
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert get(app)[2] == b"render 2"


def test_a_failed_render_lets_the_next_visitor_render(monkeypatch):
    class Failing(Page):
        def __call__(self, environ, start_response):
            if self.calls == 1:
                self.calls += 1
                raise RuntimeError("database down")
            return super().__call__(environ, start_response)

    page = Failing([(SHARED, "2")], body=b"render {n}")
    app = PageCache(page)
    get(app)
    later = time.monotonic() + 3
    monkeypatch.setattr(time, "monotonic", lambda: later)
    with pytest.raises(RuntimeError):
        get(app)
    assert get(app)[2] == b"render 3"
