"""Pages of the reports app: reports, recommendations, imports and reporting templates."""

from .imports import import_columns, import_detail, import_start
from .reports import (
    recommendation_export,
    recommendation_list,
    recommendation_row,
    report_assign,
    report_detail,
    report_edit,
    report_list,
    report_review,
)
from .templates import (
    template_copy,
    template_create,
    template_delete,
    template_edit,
    template_list,
)

__all__ = [
    "import_columns",
    "import_detail",
    "import_start",
    "recommendation_export",
    "recommendation_list",
    "recommendation_row",
    "report_assign",
    "report_detail",
    "report_edit",
    "report_list",
    "report_review",
    "template_copy",
    "template_create",
    "template_delete",
    "template_edit",
    "template_list",
]
