from pathlib import Path

import pytest

import convenor.process

LOCALE = Path(convenor.process.__file__).parent / "locale"


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogue_is_complete_and_not_fuzzy(lang):
    text = (LOCALE / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first block is the header
    assert entries
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        assert 'msgstr ""' not in entry.splitlines()[-1], entry
