import subprocess
from pathlib import Path

import pytest

import convenor.convergence
import convenor.reports

LOCALES = [Path(m.__file__).parent / "locale" for m in (convenor.reports, convenor.convergence)]


@pytest.mark.parametrize("locale", LOCALES, ids=["reports", "convergence"])
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_catalogue_is_complete_and_compiles(locale, lang, tmp_path):
    po = locale / lang / "LC_MESSAGES" / "django.po"
    text = po.read_text(encoding="utf-8")
    entries = [e for e in text.split("\n\n")[1:] if "msgid" in e]
    assert entries
    for entry in entries:
        assert "#, fuzzy" not in entry, entry
        assert not entry.rstrip().endswith('msgstr ""'), entry
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
