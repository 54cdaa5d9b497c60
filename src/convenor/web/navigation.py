"""The site's main navigation: links whose page does not exist (yet) are left out."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    coordinators_only: bool = False
    signed_in_only: bool = False
    path: str = ""  # a fixed path, for pages that have no URL name (the API docs)


MAIN_NAV: tuple[NavItem, ...] = (
    NavItem("web:home", _("Home")),
    NavItem("process:process_list", _("Processes")),
    NavItem("process:event_list", _("Events")),
    NavItem("directory:organisation_list", _("Organisations")),
    NavItem("directory:person_list", _("People")),
    NavItem("framework:framework_list", _("Frameworks")),
    NavItem("framework:position_list", _("Positions")),
    NavItem("process:news_list", _("News")),
    NavItem("campaigns:statement_list", _("Statements")),
    NavItem("reports:report_list", _("Reports"), signed_in_only=True),
    NavItem("convergence:index", _("Convergence"), signed_in_only=True),
    NavItem("delegations:round_list", _("Delegations"), signed_in_only=True),
    NavItem("", _("API docs"), path="/api/v1/docs"),
    NavItem("web:audit_log", _("Audit log"), coordinators_only=True),
    NavItem("web:user_list", _("Users"), coordinators_only=True),
    NavItem("admin:index", _("Admin"), coordinators_only=True),
)


def url_or_none(url_name: str, *args, **kwargs) -> str | None:
    """The path of a named URL, or None when no such page is registered."""
    try:
        return reverse(url_name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def nav_links(*, user, current_path: str) -> list[dict]:
    """The links the main navigation shows to `user`; the current page is marked."""
    is_coordinator = bool(getattr(user, "is_coordinator", False))
    links = []
    for item in MAIN_NAV:
        if item.coordinators_only and not is_coordinator:
            continue
        if item.signed_in_only and not getattr(user, "is_authenticated", False):
            continue
        url = item.path or url_or_none(item.url_name)
        if not url:
            continue
        current = current_path == url if url == "/" else current_path.startswith(url)
        links.append({"url": url, "label": item.label, "current": current})
    return links
