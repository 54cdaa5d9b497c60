"""Every non-trivial read of the campaigns app."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django_countries import countries

from convenor.core.errors import InvalidInput, NotFound
from convenor.core.refreshes import Refreshes
from convenor.directory.models import OrganisationKind

from .counters import counters_read, summary_cache_key
from .models import (
    Review,
    Signature,
    SignatureStatus,
    SignerKind,
    Statement,
    StatementText,
    StatementVersion,
)
from .regions import REGION_LABELS, region_label

SUMMARY_SECONDS = 60


def viewer_is_coordinator(viewer: Any) -> bool:
    return bool(viewer is not None and viewer.has_perm("campaigns.view_embargoed"))


def statements_visible(viewer: Any = None) -> QuerySet[Statement]:
    """Statements a viewer may see listed: embargoed ones only for coordinators."""
    rows = Statement.objects.all()
    if not viewer_is_coordinator(viewer):
        now = timezone.now()
        rows = rows.filter(Q(embargo_until__isnull=True) | Q(embargo_until__lte=now))
    return rows.order_by("-opens_at", "slug")


def statement_get(slug: str) -> Statement:
    statement = Statement.objects.select_related("process", "event").filter(slug=slug).first()
    if statement is None:
        raise NotFound("Statement not found.")
    return statement


_SIGNING_CACHE: dict[str, tuple[float, Statement]] = {}
SIGNING_CACHE_SECONDS = 2.0
SIGNING_STALE_SECONDS = 10.0  # at most this much older while another thread reads it again
_SIGNING_REFRESHES = Refreshes()


def statement_for_signing(slug: str) -> Statement:
    """The statement with its current version id, kept in this process for two seconds:
    a popular statement costs no query per signature. The closing time is still checked
    against the clock on every submission; an extension or new version shows within 2 s
    (one thread reads it again while the others go on with the copy they have)."""
    import time

    now = time.monotonic()
    cached = _SIGNING_CACHE.get(slug)
    if cached is not None and cached[0] > now:
        return cached[1]
    if cached is not None and now < cached[0] + SIGNING_STALE_SECONDS:
        copy = cached[1]
        return _SIGNING_REFRESHES.once(
            slug, refresh=lambda: _statement_for_signing_read(slug, now), meanwhile=lambda: copy
        )
    return _statement_for_signing_read(slug, now)


def _statement_for_signing_read(slug: str, now: float) -> Statement:
    statement = statement_get(slug)
    version = statement.versions.order_by("-number").values_list("pk", flat=True).first()
    statement.current_version_id = version  # type: ignore[attr-defined]
    if len(_SIGNING_CACHE) > 1000:
        _SIGNING_CACHE.clear()
    _SIGNING_CACHE[slug] = (now + SIGNING_CACHE_SECONDS, statement)
    return statement


def statement_text(statement: Statement, language: str) -> StatementText | None:
    """The latest version's text in `language`, else in the reference language."""
    version = statement.versions.order_by("-number").first()
    if version is None:
        return None
    texts = {t.language: t for t in version.texts.all()}
    text = texts.get(language) or texts.get(statement.reference_language)
    return text or next(iter(texts.values()), None)


def statement_languages(statement: Statement) -> list[str]:
    version = statement.versions.order_by("-number").first()
    return sorted(version.texts.values_list("language", flat=True)) if version else []


def statement_versions(statement: Statement) -> QuerySet[StatementVersion]:
    return statement.versions.annotate(signature_count=Count("signatures")).prefetch_related(
        Prefetch("texts", queryset=StatementText.objects.only("version_id", "language", "title"))
    )


def public_numbers_hidden(statement: Statement, viewer: Any = None) -> bool:
    return statement.is_embargoed() and not viewer_is_coordinator(viewer)


def statement_summary(statement: Statement) -> dict[str, Any]:
    """Count and breakdown from the counters (one query, cached until a count changes)."""
    key = summary_cache_key(statement.pk)
    summary = cache.get(key)
    if summary is None:
        counts = counters_read([statement.pk]).get(statement.pk, {})
        summary = _summary_from(counts)
        cache.set(key, summary, timeout=SUMMARY_SECONDS)
    return summary


def _summary_from(counts: dict[str, int]) -> dict[str, Any]:
    public = max(counts.get("public", 0), 0)

    def rows(prefix: str, labels: dict[str, str]) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = [
            {"key": k[len(prefix) :], "count": v}
            for k, v in counts.items()
            if k.startswith(prefix) and v > 0
        ]
        for item in items:
            item["label"] = str(labels.get(item["key"], item["key"]))
            item["percent"] = round(100 * item["count"] / public) if public else 0
        return sorted(items, key=lambda i: (-i["count"], i["label"]))

    kind_labels = dict(OrganisationKind.choices) | dict(SignerKind.choices)
    return {
        "signature_count": max(counts.get("total", 0), 0),
        "listed_count": public,
        "regions": rows("region:", {k: region_label(k) for k in REGION_LABELS}),
        "kinds": rows("kind:", {k: str(v) for k, v in kind_labels.items()}),
    }


def statements_counts(statement_ids: list[int]) -> dict[int, int]:
    counts = counters_read(statement_ids)
    return {sid: counts.get(sid, {}).get("total", 0) for sid in statement_ids}


def _filters(country: str = "", region: str = "", kind: str = "") -> dict[str, str]:
    filters = {}
    if country:
        country = country.upper()
        if country not in countries:
            raise InvalidInput("Unknown country code.", field="country")
        filters["country"] = country
    if region:
        if region not in REGION_LABELS:
            raise InvalidInput("Unknown region.", field="region")
        filters["region"] = region
    if kind:
        kinds = dict(OrganisationKind.choices) | dict(SignerKind.choices)
        if kind not in kinds:
            raise InvalidInput("Unknown kind.", field="kind")
        filters[
            "organisation_kind" if kind in dict(OrganisationKind.choices) else "signer_kind"
        ] = kind
    return filters


def public_signatories(
    statement: Statement, *, country: str = "", region: str = "", kind: str = ""
) -> QuerySet[Signature]:
    """Confirmed, approved signatures that may be shown publicly: no contact data loaded."""
    return (
        Signature.objects.filter(
            statement=statement,
            status=SignatureStatus.CONFIRMED,
            review=Review.APPROVED,
            public_display=True,
            **_filters(country, region, kind),
        )
        .only(
            "id",
            "public_id",
            "statement_id",
            "signer_kind",
            "organisation_name",
            "organisation_kind",
            "contact_name",
            "country",
            "region",
            "network",
            "confirmed_at",
        )
        .order_by("organisation_name", "id")
    )


def counted_signatures(statement: Statement) -> QuerySet[Signature]:
    """Every counted signature (also those not listed publicly), for coordinators."""
    return (
        Signature.objects.filter(
            statement=statement, status=SignatureStatus.CONFIRMED, review=Review.APPROVED
        )
        .select_related("version", "organisation")
        .order_by("organisation_name", "id")
    )


def moderation_queue(statement: Statement) -> QuerySet[Signature]:
    """Signatures a coordinator should look at: possible duplicates, suggested directory
    links, and those flagged in a burst."""
    return (
        Signature.objects.filter(statement=statement)
        .exclude(status=SignatureStatus.INVALIDATED)
        .filter(Q(review=Review.PENDING) | Q(suggested_organisation__isnull=False) | ~Q(flagged=""))
        .select_related("duplicate_of", "suggested_organisation", "organisation")
        .order_by("-created_at", "-id")
    )


def burst_groups(statement: Statement) -> dict[str, list[dict[str, Any]]]:
    """Flagged signatures grouped by (hashed) IP and by e-mail domain, largest first."""
    flagged = (
        Signature.objects.filter(statement=statement)
        .exclude(flagged="")
        .exclude(status=SignatureStatus.INVALIDATED)
    )
    by_ip: Any = (
        flagged.filter(flagged__contains="burst_ip")
        .exclude(ip_hash="")
        .values("ip_hash")
        .annotate(count=Count("id"))
        .order_by("-count")[:50]
    )
    by_domain: Any = (
        flagged.filter(flagged__contains="burst_domain")
        .values("email_domain")
        .annotate(count=Count("id"))
        .order_by("-count")[:50]
    )
    return {"ips": list(by_ip), "domains": list(by_domain)}
