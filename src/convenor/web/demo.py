"""The demo: each data app's demo loader in turn, with progress, and the coordinator account.

Loading is idempotent: the apps' loaders upsert, the progress record is reused, and the
coordinator account is created only once.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import transaction

from convenor.core.audit import audit_record
from convenor.core.models import Role, TaskProgress, User
from convenor.core.services import task_progress_update

logger = logging.getLogger(__name__)

COORDINATOR_EMAIL = "coordinator@example.org"
DEMO_KIND = "demo.load"
# The order matters: framework and process data point at directory records; the apps built
# on them (campaigns, delegations, ...) come after, in the order of INSTALLED_APPS.
FIRST_DEMO_MODULES = (
    "convenor.directory.demo",
    "convenor.framework.demo",
    "convenor.process.demo",
)


def demo_modules() -> tuple[str, ...]:
    """The demo modules to load, in order: the three base apps', then any other app's."""
    others = [
        f"{config.name}.demo"
        for config in apps.get_app_configs()
        if config.name.startswith("convenor.")
        and f"{config.name}.demo" not in FIRST_DEMO_MODULES
        and config.name not in {"convenor.core", "convenor.web", "convenor.api"}
        and importlib.util.find_spec(f"{config.name}.demo") is not None
    ]
    return (*FIRST_DEMO_MODULES, *others)


def demo_progress() -> TaskProgress:
    """The one progress record of the demo load (reused, so that loading twice adds no row)."""
    modules = demo_modules()
    progress = TaskProgress.objects.filter(kind=DEMO_KIND, created_by=None).order_by("pk").first()
    if progress is None:
        progress = TaskProgress.objects.create(
            kind=DEMO_KIND, label="Demo data", total=len(modules)
        )
    else:
        task_progress_update(
            progress_id=progress.pk,
            done=0,
            total=len(modules),
            status=TaskProgress.Status.QUEUED,
            message="",
        )
        progress.refresh_from_db()
    return progress


def _loader(module_name: str) -> Callable[..., dict[str, int]] | None:
    """The module's `load`, or None when the module is not written yet."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing != module_name and not module_name.startswith(missing + "."):
            raise  # the module exists but something it imports is missing: a real error
        return None
    return getattr(module, "load", None)


def demo_load(*, progress_id: int, report: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Run every app's demo loader in order, recording progress after each; return the counts.

    A loader that does not exist yet is skipped with a warning line.
    """
    say = report or logger.info
    results: dict[str, Any] = {}
    warnings: list[str] = []
    modules = demo_modules()
    task_progress_update(
        progress_id=progress_id, status=TaskProgress.Status.RUNNING, done=0, total=len(modules)
    )
    try:
        for index, module_name in enumerate(modules, start=1):
            load = _loader(module_name)
            if load is None:
                line = f"warning: {module_name} has no demo loader yet; skipped"
                warnings.append(line)
                say(line)
            else:
                counts = load(actor=None)
                results[module_name] = counts
                say(f"{module_name}: {_summary(counts)}")
            task_progress_update(progress_id=progress_id, done=index, message=f"{module_name} done")
    except Exception as error:
        task_progress_update(
            progress_id=progress_id,
            status=TaskProgress.Status.FAILED,
            message=f"{type(error).__name__}: {error}",
        )
        raise
    task_progress_update(
        progress_id=progress_id,
        status=TaskProgress.Status.DONE,
        message="; ".join(warnings) or "Demo data loaded.",
        result={"loaded": results, "warnings": warnings},
    )
    return results


def _summary(counts: Any) -> str:
    if isinstance(counts, dict):
        return ", ".join(f"{key} {value}" for key, value in counts.items()) or "nothing"
    return str(counts)


def coordinator_ensure(*, reset_password: bool = False) -> tuple[User, bool, str]:
    """Make sure the demo coordinator exists with a verified e-mail address.

    Returns (user, created, password): the password is a new random one when the account was
    created or `reset_password` is set, else empty (only its hash is ever stored).
    """
    from allauth.account.models import EmailAddress

    password = ""
    with transaction.atomic():
        user = User.objects.filter(email__iexact=COORDINATOR_EMAIL).first()
        created = user is None
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                email=COORDINATOR_EMAIL,
                password=password,
                role=Role.COORDINATOR,
                display_name="Demo coordinator",
                is_staff=True,
                # The admin is the back office; a staff account without permissions sees nothing.
                is_superuser=True,
            )
            audit_record(actor=None, action="user.create", target=user)
        elif reset_password:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            audit_record(actor=None, action="user.reset_password", target=user)
        address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
        if address is None:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        elif not (address.verified and address.primary):
            address.verified = True
            address.primary = True
            address.save(update_fields=["verified", "primary"])
    return user, created, password
