"""Every write of the campaigns app: statements, versions, signatures, moderation."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
import uuid
import zoneinfo
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email, validate_slug
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from convenor.core.audit import audit_record, changed_fields
from convenor.core.errors import Conflict, InvalidInput, NotFound, Unprocessable
from convenor.core.permissions import require
from convenor.directory.models import Organisation, OrganisationKind

from . import ratelimit
from .counters import counters_apply, counters_rebuild
from .errors import InvalidFields, RateLimited
from .inserts import Stored, notice_again, signature_insert
from .matching import acronym_matches, canonical_email, name_key, name_similarity
from .models import (
    ChangeKind,
    MessageKind,
    OutboxMessage,
    Review,
    Signature,
    SignatureStatus,
    SignerKind,
    Statement,
    StatementText,
    StatementVersion,
)
from .regions import region_of
from .tokens import token_read

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
MAX_NOTICES = 3  # e-mails one signature may cause through repeated submissions
MIN_FORM_SECONDS = 3  # a person needs longer than this to fill in the form
AUTO_MATCH = 0.9  # name similarity above which two names are the same organisation
REVIEW_MATCH = 0.75  # ... and above which a coordinator decides


# ---------------------------------------------------------------- statements


def _aware(value: Any, *, field: str, tz: str = "UTC") -> dt.datetime:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise InvalidFields({field: _("Enter a date and time (ISO 8601).")}) from exc
    if not isinstance(value, dt.datetime):
        raise InvalidFields({field: _("Enter a date and time (ISO 8601).")})
    if timezone.is_naive(value):
        value = value.replace(tzinfo=zoneinfo.ZoneInfo(tz))
    return value


def _time_zone(name: str) -> str:
    try:
        zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidFields({"time_zone": _("Unknown time zone.")}) from exc
    return name or "UTC"


def _signer_kinds(value: Any) -> list[str]:
    allowed = [k for k, _label in SignerKind.choices]
    if not isinstance(value, list | tuple) or not value or any(v not in allowed for v in value):
        raise InvalidFields({"signer_kinds": _("Choose organisations, individuals or both.")})
    return [k for k in allowed if k in value]


def statement_create(
    *,
    actor: Any,
    slug: str,
    title: str,
    text: str,
    language: str,
    signer_kinds: list[str],
    opens_at: Any,
    closes_at: Any = None,
    time_zone: str = "UTC",
    summary: str = "",
    embargo_until: Any = None,
    process: Any = None,
    event: Any = None,
    framework_items: Iterable[Any] = (),
    source: str = "",
) -> Statement:
    """Create a statement with its first version in `language`, its reference language."""
    require(actor, "campaigns.add_statement")
    errors: dict[str, str] = {}
    try:
        validate_slug(slug or "")
    except ValidationError:
        errors["slug"] = _("Use letters, digits, hyphens and underscores.")
    if not (title or "").strip():
        errors["title"] = _("This field is required.")
    if not (text or "").strip():
        errors["text"] = _("This field is required.")
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Choose one of: %(codes)s.") % {"codes": ", ".join(LANGUAGE_CODES)}
    if errors:
        raise InvalidFields(errors)
    tz = _time_zone(time_zone)
    opens = _aware(opens_at, field="opens_at", tz=tz)
    closes = _aware(closes_at, field="closes_at", tz=tz) if closes_at else None
    if closes is not None and closes <= opens:
        raise InvalidFields({"closes_at": _("The closing time must be after the opening time.")})
    embargo = _aware(embargo_until, field="embargo_until", tz=tz) if embargo_until else None
    kinds = _signer_kinds(signer_kinds)
    with transaction.atomic():
        if Statement.objects.filter(slug=slug).exists():
            raise Conflict(_("A statement with this slug exists already."), field="slug")
        statement = Statement.objects.create(
            slug=slug,
            title=title.strip()[:300],
            reference_language=language,
            signer_kinds=kinds,
            opens_at=opens,
            closes_at=closes,
            time_zone=tz,
            embargo_until=embargo,
            process=process,
            event=event,
            source=source,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if framework_items:
            statement.framework_items.set(list(framework_items))
        version = StatementVersion.objects.create(statement=statement, number=1)
        StatementText.objects.create(
            version=version, language=language, title=statement.title, summary=summary, body=text
        )
        audit_record(actor=actor, action="campaigns.statement_create", target=statement)
    return statement


def statement_update(*, actor: Any, statement: Statement, data: Mapping[str, Any]) -> Statement:
    """Change what is not wording: who may sign, embargo, time zone, related records."""
    require(actor, "campaigns.change_statement", statement)
    allowed = {"signer_kinds", "embargo_until", "time_zone", "process", "event", "title"}
    unknown = set(data) - allowed - {"framework_items"}
    if unknown:
        raise InvalidInput(_("Unknown field."), field=sorted(unknown)[0])
    values = {k: v for k, v in data.items() if k in allowed}
    if "signer_kinds" in values:
        values["signer_kinds"] = _signer_kinds(values["signer_kinds"])
    if "time_zone" in values:
        values["time_zone"] = _time_zone(values["time_zone"])
    if values.get("embargo_until"):
        values["embargo_until"] = _aware(
            values["embargo_until"], field="embargo_until", tz=statement.time_zone
        )
    with transaction.atomic():
        changes = changed_fields(statement, values)
        statement.save()
        if "framework_items" in data:
            statement.framework_items.set(list(data["framework_items"]))
            changes["framework_items"] = [str(i) for i in data["framework_items"]]
        audit_record(
            actor=actor, action="campaigns.statement_update", target=statement, changes=changes
        )
    return statement


def current_version(statement: Statement) -> StatementVersion:
    version = statement.versions.order_by("-number").first()
    if version is None:  # every statement is created with one
        raise NotFound(_("This statement has no text."))
    return version


def statement_text_set(
    *,
    actor: Any,
    statement: Statement,
    language: str,
    title: str,
    body: str,
    summary: str = "",
    change: str = ChangeKind.MINOR,
    note: str = "",
) -> StatementVersion:
    """Set the text in one language. A version that has signatures is never changed: a new
    version is made, and on a material change its earlier signatories are asked to confirm
    again (minor corrections carry their signatures over)."""
    require(actor, "campaigns.change_statement", statement)
    if language not in LANGUAGE_CODES:
        raise InvalidFields({"language": _("Unknown language.")})
    if change not in (ChangeKind.MINOR, ChangeKind.MATERIAL):
        raise InvalidFields({"change": _("Choose a minor correction or a material change.")})
    if not (title or "").strip() or not (body or "").strip():
        raise InvalidFields({"body" if title else "title": _("This field is required.")})
    with transaction.atomic():
        statement = Statement.objects.select_for_update().get(pk=statement.pk)
        version = current_version(statement)
        text = version.texts.filter(language=language).first()
        if text and (text.title, text.summary, text.body) == (title, summary, body):
            return version
        if version.signatures.exists():
            old = version
            version = StatementVersion.objects.create(
                statement=statement, number=old.number + 1, change=change, note=note[:300]
            )
            StatementText.objects.bulk_create(
                StatementText(
                    version=version,
                    language=t.language,
                    title=t.title,
                    summary=t.summary,
                    body=t.body,
                )
                for t in old.texts.exclude(language=language)
            )
            StatementText.objects.create(
                version=version, language=language, title=title, summary=summary, body=body
            )
            if change == ChangeKind.MATERIAL:
                _ask_to_confirm_again(statement, version)
        else:
            StatementText.objects.update_or_create(
                version=version,
                language=language,
                defaults={"title": title, "summary": summary, "body": body},
            )
        if language == statement.reference_language and statement.title != title:
            statement.title = title[:300]
            statement.save(update_fields=["title", "updated_at"])
        audit_record(
            actor=actor,
            action="campaigns.statement_text_set",
            target=statement,
            changes={"language": language, "version": version.number, "change": change},
        )
    return version


def _ask_to_confirm_again(statement: Statement, version: StatementVersion) -> None:
    earlier = Signature.objects.filter(
        statement=statement, status__in=[SignatureStatus.CONFIRMED, SignatureStatus.PENDING]
    ).exclude(version=version)
    ids = list(earlier.values_list("pk", flat=True))
    earlier.update(status=SignatureStatus.RECONFIRM)
    OutboxMessage.objects.bulk_create(
        OutboxMessage(signature_id=pk, kind=MessageKind.RECONFIRM) for pk in ids
    )
    counters_rebuild(statement.pk)
    _enqueue_outbox()


def statement_extend(*, actor: Any, statement: Statement, closes_at: Any) -> Statement:
    """Move the closing time later (coordinators extend a deadline; they never shorten it
    below the present, which would refuse people mid-form)."""
    require(actor, "campaigns.change_statement", statement)
    new = _aware(closes_at, field="closes_at", tz=statement.time_zone)
    if new <= timezone.now() or (statement.closes_at and new <= statement.closes_at):
        raise InvalidFields(
            {
                "closes_at": _(
                    "The new closing time must be later than the current one and the future."
                )
            }
        )
    with transaction.atomic():
        old = statement.closes_at
        statement.closes_at = new
        statement.save(update_fields=["closes_at", "updated_at"])
        audit_record(
            actor=actor,
            action="campaigns.statement_extend",
            target=statement,
            changes={"closes_at": [old, new]},
        )
    return statement


# ---------------------------------------------------------------- signatures


def _bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in {"1", "true", "on", "yes"}:
        return True
    if value in (None, "", 0, "0", "false", "off", "no", False):
        return False
    return None


ORGANISATION_KINDS = frozenset(OrganisationKind.values)


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, _name in countries)


def signature_clean(statement: Statement, data: Mapping[str, Any]) -> dict[str, Any]:
    """Validate a submission; InvalidFields names every invalid field at once."""
    errors: dict[str, Any] = {}
    required = gettext_lazy("This field is required.")

    def text(name: str, max_length: int) -> str:
        value = data.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            errors[name] = _("Enter text.")
            return ""
        value = value.strip()
        if len(value) > max_length:
            errors[name] = _("At most %(n)d characters.") % {"n": max_length}
        if "\x00" in value:
            errors[name] = _("Enter text.")
        return value[:max_length]

    kind = text("signer_kind", 20) or SignerKind.ORGANISATION
    if kind not in statement.signer_kinds:
        errors["signer_kind"] = _("This statement cannot be signed this way.")
    organisation_name = text("organisation_name", 300)
    if (
        kind == SignerKind.ORGANISATION
        and not organisation_name
        and "organisation_name" not in errors
    ):
        errors["organisation_name"] = required
    organisation_kind = text("organisation_kind", 30)
    kinds = ORGANISATION_KINDS
    if kind == SignerKind.ORGANISATION and organisation_kind not in kinds:
        errors["organisation_kind"] = required if not organisation_kind else _("Unknown kind.")
    elif organisation_kind and organisation_kind not in kinds:
        errors["organisation_kind"] = _("Unknown kind.")
    country = text("country", 2).upper()
    if country not in _country_codes():
        errors["country"] = required if not country else _("Unknown country code.")
    contact_name = text("contact_name", 200)
    if not contact_name and "contact_name" not in errors:
        errors["contact_name"] = required
    email = text("email", 254)
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = required if not email else _("Enter a valid e-mail address.")
    network = text("network", 300)
    public_display = _bool(data.get("public_display", True))
    if public_display is None:
        errors["public_display"] = _("Enter true or false.")
    if _bool(data.get("consent")) is not True:
        errors["consent"] = _("Please agree to the privacy notice to sign.")
    language = text("language", 10) or statement.reference_language
    if language not in LANGUAGE_CODES:
        errors["language"] = _("Unknown language.")
    if errors:
        raise InvalidFields(errors)
    return {
        "signer_kind": kind,
        "organisation_name": organisation_name,
        "organisation_kind": organisation_kind,
        "country": country,
        "contact_name": contact_name,
        "email": email,
        "network": network,
        "public_display": bool(public_display),
        "language": language,
    }


def _fingerprint(clean: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(clean, sort_keys=True).encode()).hexdigest()


def _check_open(statement: Statement) -> None:
    now = timezone.now()
    if statement.is_closed(now):
        raise Conflict(
            _("Signing closed on %(when)s.") % {"when": _local(statement, statement.closes_at)},
            code="closed",
        )
    if not statement.is_open(now):
        raise Conflict(
            _("Signing opens on %(when)s.") % {"when": _local(statement, statement.opens_at)},
            code="not_open",
        )


def _local(statement: Statement, when: dt.datetime | None) -> str:
    if when is None:
        return ""
    local = when.astimezone(zoneinfo.ZoneInfo(statement.time_zone))
    return f"{local:%Y-%m-%d %H:%M} ({statement.time_zone})"


def signature_submit(
    *,
    statement: Statement,
    data: Mapping[str, Any],
    ip: str = "",
    idempotency_key: str | None = None,
    form_started_at: float | None = None,
    honeypot: str = "",
) -> uuid.UUID | None:
    """Record a signature waiting for e-mail confirmation and queue its e-mail in the same
    transaction; return its public id. A repeat (same key or same canonical e-mail) returns
    the id of the signature already stored, so that the answer never tells whether an e-mail
    had signed; its owner gets the e-mail again, a few times at most. Returns None for a
    submission that a bot made (the caller answers as for a person)."""
    _check_open(statement)
    clean = signature_clean(statement, data)
    if honeypot or (
        form_started_at is not None and time.time() - form_started_at < MIN_FORM_SECONDS
    ):
        return None
    canonical = canonical_email(clean["email"])
    ip_hash = ratelimit.hash_ip(ip)
    domain = canonical.rpartition("@")[2]
    # All limits and burst counters in one round trip to the cache.
    checks = [("email", f"{statement.pk}:{canonical}")]
    if ip_hash:
        checks += [("ip", ip_hash), ("burst_ip", f"{statement.pk}:{ip_hash}")]
    if domain not in WEBMAIL:
        checks.append(("burst_domain", f"{statement.pk}:{domain}"))
    exceeded = dict(zip([name for name, _key in checks], ratelimit.over_many(checks), strict=True))
    if exceeded.get("ip"):
        raise RateLimited(_("Too many signatures from your network. Please try again later."))
    if exceeded.get("email"):
        raise RateLimited(_("Too many attempts for this e-mail address. Please try again later."))
    key = (idempotency_key or "").strip()[:200] or None
    fingerprint = _fingerprint({**clean, "statement": statement.slug})
    stored = signature_insert(
        {
            **clean,
            "statement_id": statement.pk,
            "version_id": _current_version_id(statement),
            "name_key": name_key(clean["organisation_name"])[:300],
            "canonical_email": canonical,
            "email_domain": domain,
            "ip_hash": ip_hash,
            "idempotency_key": key,
            "request_hash": fingerprint,
            "flagged": ",".join(n for n in ("burst_ip", "burst_domain") if exceeded.get(n)),
            "notices_sent": 1,
            "region": region_of(clean["country"]),
        },
        message={"kind": MessageKind.CONFIRM},
    )
    if stored is None:  # the row in the way was deleted meanwhile (withdrawn, erased)
        raise Conflict(_("Please send the form again."), code="retry")
    if stored.created:
        _enqueue_outbox()
    elif key and stored.idempotency_key == key:  # a retry of the same request
        if stored.request_hash != fingerprint:
            raise Unprocessable(
                _("This Idempotency-Key was used with a different request."),
                code="idempotency_mismatch",
                field="Idempotency-Key",
            )
    else:  # the same e-mail signed before
        _notify_again(stored)
    return stored.public_id


def _current_version_id(statement: Statement) -> int:
    version_id = getattr(statement, "current_version_id", None)
    if version_id is None:
        version_id = current_version(statement).pk
    return int(version_id)


WEBMAIL = frozenset(
    [
        "gmail.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "icloud.com",
        "aol.com",
        "gmx.de",
        "yahoo.fr",
        "orange.fr",
        "hotmail.fr",
        "yahoo.es",
        "protonmail.com",
        "proton.me",
    ]
)


def _notify_again(stored: Stored) -> None:
    """Send the confirmation (or an "already signed" notice) again, a few times at most."""
    kind = (
        MessageKind.ALREADY_SIGNED
        if stored.status == SignatureStatus.CONFIRMED
        else MessageKind.CONFIRM
    )
    if notice_again(stored.pk, message={"kind": kind}, most=MAX_NOTICES):
        _enqueue_outbox()


def _enqueue_outbox() -> None:
    if getattr(settings, "CAMPAIGNS_OUTBOX_ENQUEUE", True):
        from .tasks import outbox_send_task

        transaction.on_commit(lambda: outbox_send_task.enqueue())


def _signature_for_token(token: str, purpose: str) -> tuple[Signature, int]:
    public_id, version_number = token_read(token, purpose=purpose)
    signature = (
        Signature.objects.select_related("statement").filter(public_id=public_id).first()
        if _is_uuid(public_id)
        else None
    )
    if signature is None:
        raise Unprocessable(_("This link is not valid."), code="token_invalid", field="token")
    return signature, version_number


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def signature_confirm(*, token: str) -> Signature:
    """Confirm the signature a valid link names (a POST: a GET only shows the button).
    Confirming twice changes nothing. The name is then matched against the statement's other
    signatures (one organisation is one signature) and against the directory."""
    signature, version_number = _signature_for_token(token, "confirm")
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(pk=signature.pk)
        if signature.status in (SignatureStatus.CONFIRMED, SignatureStatus.INVALIDATED):
            return signature
        was_counted = signature.is_counted
        if version_number:
            version = signature.statement.versions.filter(number=version_number).first()
            if version is not None:
                signature.version = version
        signature.status = SignatureStatus.CONFIRMED
        signature.confirmed_at = timezone.now()
        signature.withdrawn_at = None
        if signature.review == Review.APPROVED and signature.duplicate_of_id is None:
            _match(signature)
        signature.save()
        counters_apply(signature, was_counted=was_counted)
    return signature


def signature_withdraw(*, token: str) -> Signature:
    """Withdraw the signature a valid link names."""
    signature, _version = _signature_for_token(token, "withdraw")
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(pk=signature.pk)
        if signature.status == SignatureStatus.WITHDRAWN:
            return signature
        was_counted = signature.is_counted
        signature.status = SignatureStatus.WITHDRAWN
        signature.withdrawn_at = timezone.now()
        signature.save(update_fields=["status", "withdrawn_at"])
        counters_apply(signature, was_counted=was_counted)
    return signature


def _longest_word(key: str) -> str:
    return max(key.split(), key=len) if key else ""


def _match(signature: Signature) -> None:
    """Mark a close name match with an already counted signature as the same organisation
    (merged above AUTO_MATCH, for review above REVIEW_MATCH), and link the directory."""
    if signature.signer_kind != SignerKind.ORGANISATION or not signature.name_key:
        return
    word = _longest_word(signature.name_key)
    counted = Signature.objects.filter(
        statement_id=signature.statement_id,
        status=SignatureStatus.CONFIRMED,
        review=Review.APPROVED,
    ).exclude(pk=signature.pk)
    best, best_score = None, 0.0
    for other in counted.filter(Q(name_key=signature.name_key) | Q(name_key__contains=word))[:200]:
        score = name_similarity(signature.organisation_name, other.organisation_name)
        if score > best_score:
            best, best_score = other, score
    if best is not None and best_score >= REVIEW_MATCH:
        signature.duplicate_of = best
        signature.match_score = best_score
        if best_score >= AUTO_MATCH:
            signature.review = Review.MERGED
            signature.review_reason = _("Same organisation as an earlier signature.")
        else:
            signature.review = Review.PENDING
            signature.review_reason = _("Name close to an earlier signature.")
    _link_directory(signature, word)


def _link_directory(signature: Signature, word: str) -> None:
    candidates = Organisation.objects.filter(
        Q(name__icontains=word) | Q(acronym__iexact=signature.organisation_name.strip())
    ).only("pk", "name", "acronym")[:200]
    best, best_score = None, 0.0
    for organisation in candidates:
        score = name_similarity(signature.organisation_name, organisation.name)
        if acronym_matches(signature.organisation_name, organisation.acronym):
            score = max(score, 0.8)
        if score > best_score:
            best, best_score = organisation, score
    if best is None or best_score < REVIEW_MATCH:
        return
    if best_score >= AUTO_MATCH:
        signature.organisation = best
    else:
        signature.suggested_organisation = best
    signature.match_score = max(signature.match_score or 0, best_score)


# ---------------------------------------------------------------- moderation

MODERATION_ACTIONS = ("approve", "reject", "merge", "link", "invalidate")


def signatures_moderate(
    *, actor: Any, statement: Statement, ids: Iterable[int], action: str
) -> int:
    """Apply one moderation action to several signatures of `statement`; returns how many
    changed. approve: count it as its own signature; reject; merge into the signature it
    duplicates; link: accept the suggested directory organisation; invalidate."""
    require(actor, "campaigns.moderate_statement", statement)
    if action not in MODERATION_ACTIONS:
        raise InvalidInput(_("Unknown action."), field="action")
    ids = [int(i) for i in ids]
    changed = 0
    with transaction.atomic():
        rows = Signature.objects.select_for_update().filter(statement=statement, pk__in=ids)
        for signature in rows:
            was_counted = signature.is_counted
            if action == "approve":
                signature.review, signature.duplicate_of = Review.APPROVED, None
            elif action == "reject":
                signature.review = Review.REJECTED
            elif action == "merge":
                if signature.duplicate_of_id is None:
                    continue
                signature.review = Review.MERGED
            elif action == "link":
                if signature.suggested_organisation_id is None:
                    continue
                signature.organisation_id = signature.suggested_organisation_id
                signature.suggested_organisation = None
            else:
                signature.status = SignatureStatus.INVALIDATED
            signature.save()
            counters_apply(signature, was_counted=was_counted)
            changed += 1
        audit_record(
            actor=actor,
            action=f"campaigns.signatures_{action}",
            target=statement,
            changes={"signatures": ids, "changed": changed},
        )
    return changed


def signatures_invalidate(
    *, actor: Any, statement: Statement, domain: str = "", ip_hash: str = ""
) -> int:
    """Invalidate every signature of `statement` from one e-mail domain or one (hashed) IP."""
    require(actor, "campaigns.moderate_statement", statement)
    domain, ip_hash = (domain or "").strip().lower(), (ip_hash or "").strip()
    if not domain and not ip_hash:
        raise InvalidFields({"domain": _("Give a domain or an address.")})
    rows = Signature.objects.filter(statement=statement).exclude(status=SignatureStatus.INVALIDATED)
    rows = rows.filter(email_domain=domain) if domain else rows.filter(ip_hash=ip_hash)
    with transaction.atomic():
        count = rows.update(status=SignatureStatus.INVALIDATED)
        counters_rebuild(statement.pk)
        audit_record(
            actor=actor,
            action="campaigns.signatures_invalidate",
            target=statement,
            changes={"domain": domain, "ip_hash": ip_hash, "count": count},
        )
    return count


def ips_purge(*, now: dt.datetime | None = None) -> int:
    """Drop the hashed IPs of statements closed longer ago than their retention period."""
    now = now or timezone.now()
    purged = 0
    for statement in Statement.objects.filter(closes_at__lt=now, ips_purged_at__isnull=True):
        if statement.closes_at is None:
            continue
        if statement.closes_at + dt.timedelta(days=statement.ip_retention_days) > now:
            continue
        with transaction.atomic():
            purged += (
                Signature.objects.filter(statement=statement).exclude(ip_hash="").update(ip_hash="")
            )
            statement.ips_purged_at = now
            statement.save(update_fields=["ips_purged_at"])
    return purged
