import subprocess
from pathlib import Path

import pytest

import convenor.meetings

LOCALE = Path(convenor.meetings.__file__).parent / "locale"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogue_is_complete_and_not_fuzzy(lang):
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n")[1:] if "msgid" in e]
    assert entries
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        assert not entry.rstrip().endswith('msgstr ""'), entry


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogue_compiles_with_checks(lang, tmp_path):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
