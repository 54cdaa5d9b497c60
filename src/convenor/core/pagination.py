"""The one pagination of every list endpoint: {"items", "count"} with bounded limit and offset."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Offsets beyond this are refused with a 400 (larger ones overflow the databases' integers).
MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    """Limit/offset pagination with a bounded offset."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
