"""Who may change processes, phases, events, documents and news (reading is open to all)."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator, is_focal_point, is_rapporteur

for model in ("process", "phase", "newsitem"):
    for action in ("add", "change", "delete"):
        rules.add_perm(f"process.{action}_{model}", is_coordinator)

rules.add_perm("process.add_event", is_coordinator | is_focal_point)
rules.add_perm("process.change_event", is_coordinator | is_focal_point)
rules.add_perm("process.delete_event", is_coordinator)

rules.add_perm("process.add_document", is_coordinator | is_focal_point | is_rapporteur)
rules.add_perm("process.change_document", is_coordinator | is_focal_point)
rules.add_perm("process.delete_document", is_coordinator)

# Coordinators see every focal point, including those marked "do not publish".
rules.add_perm("process.view_private_people", is_coordinator)
