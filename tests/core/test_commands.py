import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from convenor.config.cli import main
from convenor.core.services import api_token_user


@pytest.mark.django_db
def test_api_token_command_prints_a_usable_token(member, capsys):
    call_command("api_token", member.email, "--name", "ci")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("cvn_")
    assert api_token_user(raw=raw) == member
    assert member.api_tokens.get().name == "ci"


@pytest.mark.django_db
def test_api_token_command_matches_email_case_insensitively(member, capsys):
    call_command("api_token", member.email.upper())
    assert api_token_user(raw=capsys.readouterr().out.strip()) == member


@pytest.mark.django_db
def test_api_token_command_unknown_email_is_an_error_message():
    with pytest.raises(CommandError, match="No active user"):
        call_command("api_token", "nobody@example.org")


@pytest.mark.django_db
def test_convenor_api_token_unknown_email_exits_1_without_traceback(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["convenor", "api-token", "nobody@example.org"])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "No active user" in err
    assert "Traceback" not in err
