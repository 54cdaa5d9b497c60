from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _organisation_panel(org: Any, request: Any) -> dict[str, Any]:
    from .selectors import organisation_activity

    return organisation_activity(organisation=org)


def _person_panel(person: Any, request: Any) -> dict[str, Any]:
    from .selectors import person_activity

    return person_activity(person=person, viewer=getattr(request, "user", None))


class ProcessConfig(AppConfig):
    name = "convenor.process"
    label = "process"
    verbose_name = _("Processes and events")

    def ready(self) -> None:
        from convenor.core.panels import Panel, register_panel

        register_panel(
            "organisation_detail",
            Panel(template="process/_organisation_panel.html", context=_organisation_panel),
        )
        register_panel(
            "person_detail", Panel(template="process/_person_panel.html", context=_person_panel)
        )
