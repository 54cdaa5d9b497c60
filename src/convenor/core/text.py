"""Text helpers: safe Markdown, slugs, and bounded strings."""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


def render_markdown(text: str) -> SafeString:
    """Markdown to HTML with every tag and attribute outside a small allow-list removed."""
    html = md.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}})
    return mark_safe(clean)


def unique_slug(base: str, exists, max_length: int = 80) -> str:
    """A slug from `base` that `exists(slug)` says is free, with -2, -3… appended if needed."""
    root = (slugify(base, allow_unicode=False) or "item")[:max_length].strip("-") or "item"
    slug, n = root, 2
    while exists(slug):
        suffix = f"-{n}"
        slug = root[: max_length - len(suffix)] + suffix
        n += 1
    return slug
