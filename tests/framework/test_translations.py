from pathlib import Path

import pytest

import convenor.framework

LOCALE = Path(convenor.framework.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_ui_string_is_translated(language):
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]
    assert entries
    assert "#, fuzzy" not in text
    for entry in entries:
        if "msgid" in entry:
            assert not entry.rstrip().endswith('msgstr ""'), entry
