"""The natural sort key of item codes: a total order, consistent with numeric parts."""

import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from convenor.framework.codes import code_sort_key, is_valid_code

numbers = st.integers(min_value=0, max_value=10**12).map(str)
words = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=4
)
separators = st.sampled_from([".", "-", "_", ".-"])
codes = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,31}\Z")
dotted = st.lists(st.integers(min_value=0, max_value=9999), min_size=1, max_size=5)


def natural(code):
    """Reference order: tokens compared as (type, value), numbers by value."""
    out = []
    for token in re.findall(r"\d+|[A-Za-z]+|[._-]+", code):
        if token.isdigit():
            out.append((1, int(token), len(token)))
        elif token[0].isalpha():
            out.append((2, tuple((c.lower(), c.isupper()) for c in token), 0))
        else:
            out.append((0, tuple(".-_".index(c) for c in token), 0))
    return out


def test_examples_sort_naturally():
    given_codes = ["10", "3.10", "2", "3", "3.3", "MSG-1", "P-1", "3.6", "1", "P10", "P2"]
    assert sorted(given_codes, key=code_sort_key) == [
        "1",
        "2",
        "3",
        "3.3",
        "3.6",
        "3.10",
        "10",
        "MSG-1",
        "P-1",
        "P2",
        "P10",
    ]


def test_sort_key_is_digits_only_so_every_collation_agrees():
    assert code_sort_key("MSG-1.a_B").isdigit()


@given(codes)
def test_generated_codes_are_valid(code):
    assert is_valid_code(code)


@given(codes, codes)
def test_sort_key_is_injective(a, b):
    assert (code_sort_key(a) == code_sort_key(b)) == (a == b)


@given(codes, codes)
def test_sort_key_order_matches_the_natural_order(a, b):
    assert (code_sort_key(a) < code_sort_key(b)) == (natural(a) < natural(b))


@given(dotted, dotted)
def test_dotted_codes_compare_like_their_numbers(a, b):
    key_a = code_sort_key(".".join(map(str, a)))
    key_b = code_sort_key(".".join(map(str, b)))
    assert (key_a < key_b) == (a < b)


@given(st.lists(codes, min_size=1, max_size=20, unique=True))
def test_sorting_by_key_is_a_total_order(many):
    ordered = sorted(many, key=code_sort_key)
    keys = [code_sort_key(c) for c in ordered]
    assert all(x < y for x, y in itertools.pairwise(keys))


@given(codes)
def test_sort_key_fits_the_column(code):
    assert len(code_sort_key(code)) <= 255


def test_invalid_codes_are_refused():
    for code in ["", "-1", ".", "a b", "x" * 33, "3/6", "é"]:
        assert not is_valid_code(code)
