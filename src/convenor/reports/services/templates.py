"""Reporting templates: create, edit, copy and delete, built from typed sections.

A template in use is edited in place, so that fixes to wording reach every report that
uses it: headings, guidance, order, new sections and higher limits are always allowed. A
change that would orphan or invalidate items already written is refused with a 409 naming
the section: removing a section that holds items, changing its kind, or lowering its limit
below what a report holds. A coordinator who wants a different form copies the template.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.db.models import Count, ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convenor.core.audit import audit_record
from convenor.core.errors import Conflict, InvalidInput
from convenor.core.permissions import require
from convenor.core.text import unique_slug

from ..models import Recommendation, Report, ReportingTemplate, SectionKind, TemplateSection

MAX_SECTIONS = 30
MAX_LIMIT = 100
MAX_TITLE = 300
MAX_HELP = 2000
MAX_DESCRIPTION = 5000


@dataclass
class SectionInput:
    """One section as a coordinator set it; `id` names an existing section of the template."""

    kind: str
    title: str
    help_text: str = ""
    max_items: int = 0
    id: int | None = None


@dataclass
class SectionUsage:
    """How many items a section holds, in how many reports, and the most in one report."""

    items: int = 0
    reports: int = 0
    most: int = 0


def _check(title: str, description: str, sections: list[SectionInput]) -> str:
    """Validate what a coordinator typed; return the cleaned title."""
    texts = [title, description, *(t for s in sections for t in (s.title, s.help_text))]
    if any("\x00" in t for t in texts):  # PostgreSQL cannot store it; forms refuse it too
        raise InvalidInput(_("The text contains a NUL character."), field="title")
    title = title.strip()
    if not title:
        raise InvalidInput(_("A template needs a title."), field="title")
    if len(title) > MAX_TITLE:
        raise InvalidInput(
            _("A title may have at most %(n)d characters.") % {"n": MAX_TITLE}, field="title"
        )
    if len(description) > MAX_DESCRIPTION:
        raise InvalidInput(
            _("A description may have at most %(n)d characters.") % {"n": MAX_DESCRIPTION},
            field="description",
        )
    if not sections:
        raise InvalidInput(_("A template needs at least one section."), field="sections")
    if len(sections) > MAX_SECTIONS:
        raise InvalidInput(
            _("A template may have at most %(n)d sections.") % {"n": MAX_SECTIONS},
            field="sections",
        )
    for number, s in enumerate(sections, start=1):
        where = {"n": number}
        if s.kind not in SectionKind.values:
            raise InvalidInput(_("Section %(n)d: unknown kind.") % where, field="sections")
        if len(s.title.strip()) > MAX_TITLE or len(s.help_text) > MAX_HELP:
            raise InvalidInput(
                _("Section %(n)d: the heading or the guidance is too long.") % where,
                field="sections",
            )
        if not 0 <= s.max_items <= MAX_LIMIT:
            raise InvalidInput(
                _("Section %(n)d: the limit must be between 0 (no limit) and %(max)d.")
                % {"n": number, "max": MAX_LIMIT},
                field="sections",
            )
    ids = [s.id for s in sections if s.id is not None]
    if len(ids) != len(set(ids)):
        raise InvalidInput(_("A section appears twice."), field="sections")
    return title


def _section_values(s: SectionInput, order: int) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "title": s.title.strip() or str(SectionKind(s.kind).label),
        "help_text": s.help_text.strip(),
        "max_items": s.max_items,
        "order": order,
    }


def _check_slug(slug: str) -> None:
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise InvalidInput(
            _("A slug has only letters, digits, hyphens and underscores."), field="slug"
        ) from error
    if len(slug) > 80:
        raise InvalidInput(_("A slug may have at most 80 characters."), field="slug")
    if ReportingTemplate.objects.filter(slug=slug).exists():
        raise Conflict(
            _("Another template already has the slug “%(slug)s”.") % {"slug": slug},
            field="slug",
            code="slug_taken",
        )


def template_create(
    *,
    actor: Any,
    title: str,
    sections: list[SectionInput],
    description: str = "",
    slug: str = "",
) -> ReportingTemplate:
    """Create a reporting template from typed sections, in the order given."""
    require(actor, "reports.manage_template")
    title = _check(title, description, sections)
    if any(s.id is not None for s in sections):
        raise InvalidInput(_("A new template has no existing sections."), field="sections")
    if slug:
        _check_slug(slug)
    try:
        with transaction.atomic():
            template = ReportingTemplate.objects.create(
                slug=slug
                or unique_slug(title, lambda v: ReportingTemplate.objects.filter(slug=v).exists()),
                title=title,
                description=description.strip(),
            )
            TemplateSection.objects.bulk_create(
                TemplateSection(template=template, **_section_values(s, i))
                for i, s in enumerate(sections)
            )
            audit_record(
                actor=actor,
                action="reports.template.create",
                target=template,
                changes={"sections": len(sections)},
            )
    except IntegrityError as error:  # two coordinators chose the same slug at once
        raise Conflict(
            _("Another template already has this slug."), field="slug", code="slug_taken"
        ) from error
    return template


def template_section_usage(template: ReportingTemplate) -> dict[int, SectionUsage]:
    """Per section of `template`, the items reports hold in it (one query)."""
    usage: dict[int, SectionUsage] = {}
    rows = (
        Recommendation.objects.filter(section__template=template)
        .values("section_id", "report_id")
        .annotate(n=Count("id"))
    )
    for row in rows:
        u = usage.setdefault(row["section_id"], SectionUsage())
        u.items += row["n"]
        u.reports += 1
        u.most = max(u.most, row["n"])
    return usage


def _refuse_breaking(
    current: dict[int, TemplateSection],
    sections: list[SectionInput],
    usage: dict[int, SectionUsage],
) -> None:
    """Raise Conflict for the first change that would break items reports already hold."""
    kept = {s.id: s for s in sections if s.id is not None}
    for pk, old in current.items():
        u = usage.get(pk)
        if u is None or not u.items:
            continue
        new = kept.get(pk)
        if new is None:
            raise Conflict(
                ngettext(
                    "“%(section)s” holds items in %(n)d report, so it cannot be removed; "
                    "copy the template to build one without it.",
                    "“%(section)s” holds items in %(n)d reports, so it cannot be removed; "
                    "copy the template to build one without it.",
                    u.reports,
                )
                % {"section": old.title, "n": u.reports},
                field="sections",
                code="template_in_use",
            )
        if new.kind != old.kind:
            raise Conflict(
                ngettext(
                    "“%(section)s” holds items in %(n)d report, so its kind cannot change; "
                    "copy the template to build a different one.",
                    "“%(section)s” holds items in %(n)d reports, so its kind cannot change; "
                    "copy the template to build a different one.",
                    u.reports,
                )
                % {"section": old.title, "n": u.reports},
                field="sections",
                code="template_in_use",
            )
        if new.max_items and new.max_items < u.most:
            raise Conflict(
                _(
                    "A report already has %(n)d items in “%(section)s”, so its limit cannot "
                    "be lower than %(n)d."
                )
                % {"section": old.title, "n": u.most},
                field="sections",
                code="template_in_use",
            )


def template_update(
    *,
    actor: Any,
    template: ReportingTemplate,
    title: str,
    sections: list[SectionInput],
    description: str = "",
) -> ReportingTemplate:
    """Replace a template's title, description and sections (in the order given).

    Sections with an `id` are updated in place (their items stay with them), new ones are
    added, missing ones removed. Changes that would break reports' items raise Conflict.
    """
    require(actor, "reports.manage_template", template)
    title = _check(title, description, sections)
    with transaction.atomic():
        # One editor at a time per template; the usage read below then stays true.
        template = ReportingTemplate.objects.select_for_update().get(pk=template.pk)
        current = {s.pk: s for s in template.sections.all()}
        if any(s.id is not None and s.id not in current for s in sections):
            raise InvalidInput(_("Unknown section."), field="sections")
        _refuse_breaking(current, sections, template_section_usage(template))
        kept = {s.id for s in sections if s.id is not None}
        removed = [pk for pk in current if pk not in kept]
        try:
            TemplateSection.objects.filter(pk__in=removed).delete()
        except ProtectedError as error:  # a rapporteur saved an item there just now
            raise Conflict(
                _("A report has just added items to a section you removed; reload the page."),
                field="sections",
                code="template_in_use",
            ) from error
        changed = 0
        for order, s in enumerate(sections):
            values = _section_values(s, order)
            if s.id is None:
                TemplateSection.objects.create(template=template, **values)
                changed += 1
                continue
            section = current[s.id]
            fields = [k for k, v in values.items() if getattr(section, k) != v]
            if fields:
                for k in fields:
                    setattr(section, k, values[k])
                section.save(update_fields=fields)
                changed += 1
        changes: dict[str, Any] = {"sections_changed": changed, "sections_removed": len(removed)}
        if template.title != title:
            changes["title"] = [template.title, title]
        template.title = title
        template.description = description.strip()
        template.save(update_fields=["title", "description", "updated_at"])
        audit_record(
            actor=actor, action="reports.template.update", target=template, changes=changes
        )
    return template


def template_copy(*, actor: Any, template: ReportingTemplate) -> ReportingTemplate:
    """A new, unused template with the same sections, to change freely."""
    require(actor, "reports.manage_template", template)
    title = (_("%(title)s (copy)") % {"title": template.title})[:MAX_TITLE]
    sections = [
        SectionInput(kind=s.kind, title=s.title, help_text=s.help_text, max_items=s.max_items)
        for s in template.sections.all()
    ]
    with transaction.atomic():
        copy = template_create(
            actor=actor, title=title, description=template.description, sections=sections
        )
        audit_record(
            actor=actor,
            action="reports.template.copy",
            target=copy,
            changes={"from": template.slug},
        )
    return copy


def template_delete(*, actor: Any, template: ReportingTemplate) -> None:
    """Delete a template no report uses; one in use is a 409."""
    require(actor, "reports.manage_template", template)
    with transaction.atomic():
        used = Report.objects.filter(template=template).count()
        if used:
            raise Conflict(
                ngettext(
                    "%(n)d report uses this template, so it cannot be deleted.",
                    "%(n)d reports use this template, so it cannot be deleted.",
                    used,
                )
                % {"n": used},
                code="template_in_use",
            )
        audit_record(actor=actor, action="reports.template.delete", target=template)
        template.delete()
