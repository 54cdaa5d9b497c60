"""Rows of the directory table, written in one Python call per page: per row, template
lookups, choice labels, translated country names and URL reversing cost more than the
rest of the directory page."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django_countries import countries

from convenor.directory.models import EcosocStatus, Organisation, OrganisationKind

register = template.Library()


@register.simple_tag
def organisation_rows(organisations: Iterable[Organisation]) -> SafeString:
    """<tr>s: name (linked) and acronym, kind, country, region, ECOSOC status/accreditation."""
    kinds = {value: escape(str(label)) for value, label in OrganisationKind.choices}
    statuses = {value: escape(str(label)) for value, label in EcosocStatus.choices}
    accredited = escape(gettext("Special accreditation"))
    url = reverse("directory:organisation_detail", args=["__slug__"])
    names: dict[str, str] = {}
    rows = []
    for organisation in organisations:
        # The raw code: the country descriptor builds a Country (and translates) per access.
        code = vars(organisation).get("country") or ""
        if code and code not in names:
            names[code] = escape(str(countries.name(code)))
        acronym = organisation.shown_acronym
        acronym_html = f' <span class="muted">({escape(acronym)})</span>' if acronym else ""
        status = "; ".join(
            part
            for part in (
                statuses.get(organisation.ecosoc_status, "") if organisation.ecosoc_status else "",
                accredited if organisation.special_accreditation else "",
            )
            if part
        )
        region = escape(organisation.region.name) if organisation.region is not None else ""
        rows.append(
            "<tr>\n"
            f'      <th scope="row"><a href="{escape(url.replace("__slug__", organisation.slug))}">'
            f"{escape(organisation.name)}</a>{acronym_html}</th>\n"
            f"      <td>{kinds.get(organisation.kind) or escape(organisation.kind)}</td>\n"
            f"      <td>{names.get(code, '')}</td>\n"
            f"      <td>{region}</td>\n"
            f"      <td>{status}</td>\n"
            "    </tr>"
        )
    return SafeString("\n".join(rows))
