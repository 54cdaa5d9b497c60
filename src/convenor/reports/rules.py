"""Who may do what with reports: coordinators assign, review, publish and import; a
rapporteur fills in and submits their own report; published reports are public."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator


@rules.predicate
def is_own_report(user, report) -> bool:
    return bool(
        report is not None
        and user is not None
        and user.is_authenticated
        and report.rapporteur_id == user.pk
    )


@rules.predicate
def is_published(user, report) -> bool:
    return bool(report is not None and report.status == "published")


rules.add_perm("reports.manage_template", is_coordinator)
rules.add_perm("reports.assign_report", is_coordinator)
rules.add_perm("reports.edit_report", is_coordinator | is_own_report)
rules.add_perm("reports.review_report", is_coordinator)
rules.add_perm("reports.view_report", is_coordinator | is_own_report | is_published)
rules.add_perm("reports.import_recommendations", is_coordinator)
rules.add_perm("reports.view_all_recommendations", is_coordinator)
