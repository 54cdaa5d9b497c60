import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.delegations import services
from convenor.delegations.models import Nomination

from .conftest import nominate


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(moves=st.lists(st.tuples(st.integers(0, 3), st.integers(-2, 7)), max_size=6))
def test_moves_keep_priorities_a_permutation_of_1_to_n(asia, nominator, moves):
    Nomination.objects.filter(quota=asia).delete()
    names = nominate(nominator, asia, "A One", "B Two", "C Three", "D Four")
    for index, target in moves:
        services.nomination_move(actor=nominator, nomination=names[index], priority=target)
        priorities = sorted(asia.nominations.values_list("priority", flat=True))
        assert priorities == [1, 2, 3, 4]
        names[index].refresh_from_db()
        assert names[index].priority == max(1, min(target, 4))
