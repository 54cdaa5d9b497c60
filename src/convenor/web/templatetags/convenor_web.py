"""Template tags of the site shell."""

from __future__ import annotations

from django import template

from convenor.web import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context) -> list[dict]:
    """The main navigation links for the current user and page."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    path = getattr(request, "path", "")
    return navigation.nav_links(user=user, current_path=path)


@register.simple_tag
def url_or_empty(url_name: str, *args) -> str:
    """Like {% url %}, but an empty string when the page is not registered (yet)."""
    return navigation.url_or_none(url_name, *args) or ""
