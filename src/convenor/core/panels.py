"""Panels let a higher app add a section to a lower app's page without the lower app
importing it (dependencies point one way, DESIGN.md). A higher app registers in its
AppConfig.ready(); the lower app's view calls `panels_for`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    template: str
    context: Callable[[Any, Any], dict[str, Any]]  # (obj, request) -> context
    order: int = 100


_registry: dict[str, list[Panel]] = defaultdict(list)


def register_panel(page: str, panel: Panel) -> None:
    if panel not in _registry[page]:
        _registry[page].append(panel)
        _registry[page].sort(key=lambda p: p.order)


def panels_for(page: str, obj: Any, request: Any) -> list[tuple[str, dict[str, Any]]]:
    return [(p.template, p.context(obj, request)) for p in _registry[page]]
