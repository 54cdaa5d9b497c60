"""Who may do what with frameworks and positions: coordinators write, everyone reads."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator

for _model in ("framework", "frameworkitem", "position"):
    rules.add_perm(f"framework.view_{_model}", rules.always_allow)
    rules.add_perm(f"framework.add_{_model}", is_coordinator)
    rules.add_perm(f"framework.change_{_model}", is_coordinator)
    rules.add_perm(f"framework.delete_{_model}", is_coordinator)
