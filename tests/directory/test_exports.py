import csv
import io
import json

from openpyxl import load_workbook

from convenor.directory.models import Organisation


def _csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_parses_back_and_honours_filters(client, mfa):
    Organisation.objects.create(slug="picum", name="PICUM", country="BE")
    response = client.get("/organisations/export.csv")
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert {r["slug"] for r in rows} == {"mfa", "picum"}
    assert rows[0]["region"] == "asia" or rows[1]["region"] == "asia"
    rows = _csv_rows(client.get("/organisations/export.csv", {"country": "BE"}))
    assert [r["slug"] for r in rows] == ["picum"]


def test_csv_export_neutralises_formulas(client, db):
    Organisation.objects.create(slug="evil", name="=HYPERLINK(1)")
    rows = _csv_rows(client.get("/organisations/export.csv"))
    assert rows[0]["name"].startswith("'=")


def test_csv_export_bad_filter_is_400(client, db):
    assert client.get("/organisations/export.csv", {"kind": "bogus"}).status_code == 400


def test_xlsx_export_parses_back(client, mfa):
    response = client.get("/organisations/export.xlsx", {"region": "asia"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "slug" and rows[1][0] == "mfa" and len(rows) == 2


def test_popolo_export_leaves_out_hidden_people_and_emails(client, public_person, hidden_person):
    response = client.get("/export/popolo.json")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    data = json.loads(text)
    assert set(data) >= {"organizations", "persons", "memberships"}
    person_ids = {p["id"] for p in data["persons"]}
    assert "person/colin-rajah" in person_ids
    assert "person/hidden-person" not in person_ids
    assert all(m.get("person_id") != "person/hidden-person" for m in data["memberships"])
    assert "@example.org" not in text and "Hidden Person" not in text
    mfa = next(o for o in data["organizations"] if o["id"] == "organisation/mfa")
    assert mfa["name"] == "Migrant Forum in Asia" and mfa["classification"] == "network"
    assert mfa["other_names"] == [{"name": "MFA", "note": "acronym"}]
    assert any(o["id"] == "committee/core-group" for o in data["organizations"])


def test_exports_never_contain_emails(client, public_person):
    csv_text = b"".join(client.get("/organisations/export.csv").streaming_content)
    assert b"@example.org" not in csv_text
