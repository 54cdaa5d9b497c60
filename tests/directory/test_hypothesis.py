from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convenor.directory import selectors

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    st.just("\x00"),
    st.just("%_\\'\""),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=texts)
def test_organisation_search_never_raises(db, q):
    list(selectors.organisation_list(q=q)[:5])
    list(selectors.person_list(q=q)[:5])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=texts)
def test_search_pages_never_500(client, db, q):
    for url in ("/organisations/", "/people/", "/api/v1/organisations", "/api/v1/people"):
        response = client.get(url, {"q": q})
        assert response.status_code in (200, 400), (url, response.status_code)
