"""Every write of the reports app, by subject: templates, reports, imports.

Callers import from here: `from convenor.reports import services`.
"""

from .common import MAX_TEXT, source_attributes
from .imports import TABLE_FIELDS, import_apply_columns, import_execute, import_start
from .reports import (
    ItemInput,
    report_assign,
    report_publish,
    report_return,
    report_save,
    report_submit,
)
from .templates import (
    SectionInput,
    SectionUsage,
    template_copy,
    template_create,
    template_delete,
    template_section_usage,
    template_update,
)

__all__ = [
    "MAX_TEXT",
    "TABLE_FIELDS",
    "ItemInput",
    "SectionInput",
    "SectionUsage",
    "import_apply_columns",
    "import_execute",
    "import_start",
    "report_assign",
    "report_publish",
    "report_return",
    "report_save",
    "report_submit",
    "source_attributes",
    "template_copy",
    "template_create",
    "template_delete",
    "template_section_usage",
    "template_update",
]
