from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _event_panel(event: Any, request: Any) -> dict[str, Any]:
    """The programme and registration of a meeting, for its event page."""
    from .models import Meeting

    viewer = getattr(request, "user", None)
    meeting = Meeting.objects.filter(event=event).first()
    manage = bool(viewer is not None and viewer.has_perm("meetings.manage_meeting", meeting))
    return {"meeting": meeting, "event": event, "manage": manage}


class MeetingsConfig(AppConfig):
    name = "convenor.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from convenor.core.panels import Panel, register_panel

        register_panel(
            "event_detail",
            Panel(template="meetings/_event_panel.html", context=_event_panel, order=50),
        )
