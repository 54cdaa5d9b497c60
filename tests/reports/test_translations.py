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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Nouveau modèle de rapport", "Ajouter une section", "Enregistrer le modèle"]),
        ("es", ["Nueva plantilla de informe", "Añadir una sección", "Guardar la plantilla"]),
    ],
)
def test_template_editor_speaks_french_and_spanish(coordinator_client, lang, words):
    coordinator_client.cookies["django_language"] = lang
    body = coordinator_client.get("/report-templates/new/").content.decode()
    for word in words:
        assert word in body, word


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "done"),
    [("fr", "3 recommandations importées."), ("es", "3 recomendaciones importadas.")],
)
def test_import_progress_page_speaks_french_and_spanish(
    coordinator_client, django_capture_on_commit_callbacks, lang, done
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_imports import make_docx

    coordinator_client.cookies["django_language"] = lang
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            "/recommendations/import/",
            {"file": SimpleUploadedFile("r.docx", make_docx()), "kind_default": "recommendation"},
        )
    assert done in coordinator_client.get(response["Location"]).content.decode()
