"""Public exports of the directory: CSV, XLSX and Popolo JSON.

Each reads with `values_list(...).iterator()`, one query per table whatever the number of
rows, and streams (CSV, JSON) or writes in write-only mode (XLSX). People marked "do not
publish" and their memberships are left out; no e-mail address is ever exported."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook

from .models import Committee, Organisation, Region
from .selectors import public_people, visible_memberships

CHUNK = 2000
ORGANISATION_COLUMNS = [
    ("slug", "slug"),
    ("name", "name"),
    ("acronym", "acronym"),
    ("kind", "kind"),
    ("country", "country"),
    ("region", "region__slug"),
    ("region_name", "region__name"),
    ("ecosoc_status", "ecosoc_status"),
    ("special_accreditation", "special_accreditation"),
    ("website", "website"),
    ("source", "source"),
]


def _safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def organisation_rows(organisations: QuerySet[Organisation]) -> Iterator[list[Any]]:
    """The header, then one row per organisation (one query, read in chunks)."""
    yield [header for header, _ in ORGANISATION_COLUMNS]
    fields = [field for _, field in ORGANISATION_COLUMNS]
    for row in organisations.values_list(*fields).iterator(chunk_size=CHUNK):
        yield [_safe_cell(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def organisations_csv(organisations: QuerySet[Organisation]) -> Iterator[str]:
    """CSV lines, for a StreamingHttpResponse."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    for row in organisation_rows(organisations):
        yield writer.writerow(row)


def organisations_xlsx(
    organisations: QuerySet[Organisation],
    *,
    on_progress: Callable[[int], None] | None = None,
    every: int = CHUNK,
) -> bytes:
    """An XLSX workbook with one sheet, built in write-only mode (bounded memory per row).
    `on_progress(rows written)` is called every `every` rows, for a progress bar."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organisations")
    for written, row in enumerate(organisation_rows(organisations)):
        sheet.append(row)
        if on_progress is not None and written and written % every == 0:
            on_progress(written)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json_array(items: Iterable[dict[str, Any]]) -> Iterator[str]:
    first = True
    for item in items:
        yield ("" if first else ",\n") + json.dumps(item, ensure_ascii=False)
        first = False


def _popolo_organisations() -> Iterator[dict[str, Any]]:
    fields = ("slug", "name", "acronym", "kind", "country", "region__slug", "region__name")
    rows = Organisation.objects.order_by("name", "id").values_list(
        *fields, "website", "ecosoc_status", "special_accreditation"
    )
    for (
        slug,
        name,
        acronym,
        kind,
        country,
        region_slug,
        region_name,
        website,
        ecosoc,
        accred,
    ) in rows.iterator(chunk_size=CHUNK):
        item: dict[str, Any] = {"id": f"organisation/{slug}", "name": name, "classification": kind}
        if acronym:
            item["other_names"] = [{"name": acronym, "note": "acronym"}]
        item["identifiers"] = [{"scheme": "convenor", "identifier": slug}]
        if country:
            item["identifiers"].append({"scheme": "ISO 3166-1 alpha-2", "identifier": country})
        if region_slug:
            item["area_id"] = f"region/{region_slug}"
            item["area"] = {"id": f"region/{region_slug}", "name": region_name}
        if website:
            item["links"] = [{"url": website, "note": "website"}]
        if ecosoc or accred:
            item["ecosoc_status"] = ecosoc
            item["special_accreditation"] = accred
        yield item
    committees = Committee.objects.order_by("name").values_list("slug", "name", "convener__slug")
    for slug, name, convener in committees.iterator(chunk_size=CHUNK):
        item = {"id": f"committee/{slug}", "name": name, "classification": "committee"}
        if convener:
            item["parent_id"] = f"organisation/{convener}"
        yield item


def _popolo_people() -> Iterator[dict[str, Any]]:
    rows = public_people(None).order_by("name", "id").values_list("slug", "name", "languages")
    for slug, name, languages in rows.iterator(chunk_size=CHUNK):
        item: dict[str, Any] = {"id": f"person/{slug}", "name": name}
        if languages:
            item["languages"] = languages
        yield item


def _popolo_memberships() -> Iterator[dict[str, Any]]:
    # A person's own organisation is a membership too, with their title as its role.
    employed = (
        public_people(None)
        .filter(organisation__isnull=False)
        .order_by("id")
        .values_list("slug", "organisation__slug", "role")
    )
    for person, organisation, role in employed.iterator(chunk_size=CHUNK):
        item: dict[str, Any] = {
            "person_id": f"person/{person}",
            "organization_id": f"organisation/{organisation}",
        }
        if role:
            item["role"] = role
        yield item
    rows = (
        visible_memberships(None)
        .order_by("id")
        .values_list(
            "person__slug",
            "organisation__slug",
            "network__slug",
            "committee__slug",
            "role",
            "region__slug",
            "start_date",
            "end_date",
        )
    )
    for person, member_org, network, committee, role, region, start, end in rows.iterator(
        chunk_size=CHUNK
    ):
        item = {
            "organization_id": f"committee/{committee}" if committee else f"organisation/{network}",
            "role": role,
        }
        if person:
            item["person_id"] = f"person/{person}"
        else:
            item["member"] = {"@type": "Organization", "id": f"organisation/{member_org}"}
        if region:
            item["area_id"] = f"region/{region}"
        if start:
            item["start_date"] = start.isoformat()
        if end:
            item["end_date"] = end.isoformat()
        yield item


def _popolo_areas() -> Iterator[dict[str, Any]]:
    for slug, name in Region.objects.order_by("order", "name").values_list("slug", "name"):
        yield {"id": f"region/{slug}", "name": name, "classification": "region"}


def popolo_json() -> Iterator[str]:
    """The public directory as Popolo JSON, streamed piece by piece."""
    sections = [
        ("organizations", _popolo_organisations),
        ("persons", _popolo_people),
        ("memberships", _popolo_memberships),
        ("areas", _popolo_areas),
    ]
    yield "{"
    for index, (key, items) in enumerate(sections):
        yield ("" if index == 0 else ",\n") + json.dumps(key) + ": ["
        yield from _json_array(items())
        yield "]"
    yield "}\n"
