"""Pages of the site shell."""

from .audit import audit_log
from .health import healthz
from .home import home
from .language import language_switch
from .profile import preferences_update, profile, token_create, token_revoke
from .tasks import task_detail, task_progress_json
from .users import user_list, user_role_update

__all__ = [
    "audit_log",
    "healthz",
    "home",
    "language_switch",
    "preferences_update",
    "profile",
    "task_detail",
    "task_progress_json",
    "token_create",
    "token_revoke",
    "user_list",
    "user_role_update",
]
