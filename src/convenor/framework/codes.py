"""Item codes ("3", "3.6", "MSG-1", "P10") and their natural sort key.

The sort key is a string of digits only, so that every database collation orders it the
same way. Comparing two keys as strings gives the natural order of their codes: numbers
compare by value ("2" < "10", "3.3" < "3.10"), a code sorts before its own extensions
("3" < "3.6"), and numbers sort before letters. Different codes get different keys.
"""

from __future__ import annotations

import re

CODE_MAX_LENGTH = 32
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
_TOKENS = re.compile(r"\d+|[A-Za-z]+|[._-]+")
_SEPARATORS = {".": 1, "-": 2, "_": 3}


def is_valid_code(code: str) -> bool:
    """True when `code` is 1-32 letters, digits, dots, dashes or underscores, not
    starting with punctuation."""
    return bool(CODE_PATTERN.match(code or ""))


def _number(token: str) -> str:
    # Length first, then the digits: shorter numbers are smaller. The count of leading
    # zeros comes last so that "03" and "3" stay distinct but sort next to each other.
    value = token.lstrip("0") or "0"
    zeros = len(token) - len(value)
    return f"1{len(value):02d}{value}{zeros:02d}"


def _letters(token: str) -> str:
    # Each letter is two digits (10..61): case-insensitive position, then case; "00"
    # ends the run so that a shorter word sorts before a longer one it starts.
    parts = []
    for char in token:
        index = ord(char.lower()) - ord("a")
        parts.append(f"{10 + 2 * index + (1 if char.isupper() else 0):02d}")
    return "2" + "".join(parts) + "00"


def _separators(token: str) -> str:
    return "0" + "".join(f"{_SEPARATORS[c]:02d}" for c in token) + "00"


def code_sort_key(code: str) -> str:
    """The natural sort key of a valid code (see the module docstring)."""
    pieces = []
    for token in _TOKENS.findall(code):
        if token.isdigit():
            pieces.append(_number(token))
        elif token[0].isalpha():
            pieces.append(_letters(token))
        else:
            pieces.append(_separators(token))
    return "".join(pieces)
