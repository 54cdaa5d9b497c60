"""Hostile values sent to every form of the site (see tests/web/test_hostile_forms.py)."""

LONG = "x" * 100_000
TEXT_VALUES = [
    LONG,
    "' OR 1=1; DROP TABLE directory_organisation; --",
    '"><script>alert(1)</script><img src=x onerror=alert(2)>',
    "\u202e\u0000\ufeffnull byte and bidi \x00",
    "%00%ff%fe ../../etc/passwd {{ 7*7 }} {% debug %}",
    "😀" * 500,
    "",
]
INVALID_UTF8 = b"caf\xe9 \xff\xfe\x00 not utf-8 \xc3\x28"
