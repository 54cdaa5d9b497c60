"""Reporting templates built from typed sections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from convenor.core.audit import audit_record
from convenor.core.errors import InvalidInput
from convenor.core.permissions import require
from convenor.core.text import unique_slug

from ..models import ReportingTemplate, SectionKind, TemplateSection


@dataclass
class SectionInput:
    kind: str
    title: str
    help_text: str = ""
    max_items: int = 0


def template_create(
    *, actor: Any, title: str, sections: list[SectionInput], description: str = "", slug: str = ""
) -> ReportingTemplate:
    """Create a reporting template from typed sections."""
    require(actor, "reports.manage_template")
    title = title.strip()
    if not title:
        raise InvalidInput(_("A template needs a title."), field="title")
    if not sections:
        raise InvalidInput(_("A template needs at least one section."), field="sections")
    for section in sections:
        if section.kind not in SectionKind.values:
            raise InvalidInput(_("Unknown section kind."), field="sections")
    with transaction.atomic():
        template = ReportingTemplate.objects.create(
            slug=slug
            or unique_slug(title, lambda v: ReportingTemplate.objects.filter(slug=v).exists()),
            title=title[:300],
            description=description,
        )
        TemplateSection.objects.bulk_create(
            TemplateSection(
                template=template,
                kind=s.kind,
                title=s.title[:300] or str(SectionKind(s.kind).label),
                help_text=s.help_text,
                max_items=s.max_items,
                order=i,
            )
            for i, s in enumerate(sections)
        )
        audit_record(actor=actor, action="reports.template.create", target=template)
    return template
