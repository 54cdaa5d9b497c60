from __future__ import annotations

import pytest

from convenor.convergence.engine import load_profile
from convenor.convergence.engine.evaluation import macro_f1, top_k_accuracy


@pytest.mark.parametrize(
    ("slug", "codes"),
    [("gcm-objectives", range(1, 24)), ("ten-acts", range(1, 11))],
)
def test_profiles_cover_every_item_in_three_languages(slug, codes):
    profile = load_profile(slug)
    for code in codes:
        item = profile[str(code)]
        assert {"fr", "es"} <= set(item.titles)
        assert {"en", "fr", "es"} == set(item.keywords)


def test_unknown_framework_has_an_empty_profile():
    assert load_profile("no-such-framework") == {}


def test_top_k_accuracy_counts_any_gold_code_in_the_first_k():
    ranked = [["1", "2", "3"], ["4", "5", "6"]]
    gold = [{"3"}, {"9"}]
    assert top_k_accuracy(ranked, gold, 1) == 0.0
    assert top_k_accuracy(ranked, gold, 3) == 0.5


def test_macro_f1_averages_over_gold_codes():
    assert macro_f1([{"a"}, {"b"}], [{"a"}, {"b"}]) == 1.0
    assert macro_f1([{"a"}, {"a"}], [{"a"}, {"b"}]) == pytest.approx((2 / 3 + 0) / 2)
