import pytest

from convenor.core.models import ApiToken, AuditEntry
from convenor.core.services import api_token_create, api_token_revoke, api_token_user


@pytest.mark.django_db
def test_api_token_create_stores_only_a_hash(member):
    token, raw = api_token_create(user=member, name="laptop")
    assert raw.startswith("cvn_")
    assert token.key_hash != raw
    assert raw not in str(ApiToken.objects.values_list().get(pk=token.pk))
    assert api_token_user(raw=raw) == member
    assert AuditEntry.objects.filter(action="api_token.create", actor=member).count() == 1


@pytest.mark.django_db
def test_api_token_revoke_makes_token_unusable(member):
    token, raw = api_token_create(user=member)
    api_token_revoke(token_id=token.pk, user=member)
    assert api_token_user(raw=raw) is None


@pytest.mark.django_db
def test_api_token_user_rejects_garbage():
    assert api_token_user(raw="") is None
    assert api_token_user(raw="cvn_" + "x" * 500) is None
    assert api_token_user(raw="not-a-token") is None
