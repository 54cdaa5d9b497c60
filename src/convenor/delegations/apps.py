from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _event_panel(event: Any, request: Any) -> dict[str, Any]:
    """The selection rounds of a meeting, for its event page."""
    from .selectors import event_rounds, my_quotas

    viewer = getattr(request, "user", None)
    rounds = event_rounds(event=event, viewer=viewer)
    mine = list(my_quotas(viewer=viewer).filter(round__event=event)) if rounds else []
    return {"rounds": rounds, "my_quotas": mine}


class DelegationsConfig(AppConfig):
    name = "convenor.delegations"
    label = "delegations"
    verbose_name = _("Delegations")

    def ready(self) -> None:
        from convenor.core.panels import Panel, register_panel

        register_panel(
            "event_detail",
            Panel(template="delegations/_event_panel.html", context=_event_panel, order=60),
        )
