"""Who may do what in the convergence app: coordinators run analyses, review mappings and
edit clusters; coordinators and focal points read the results."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator, is_focal_point

rules.add_perm("convergence.view_results", is_coordinator | is_focal_point)
rules.add_perm("convergence.run_analysis", is_coordinator)
rules.add_perm("convergence.review_mapping", is_coordinator)
rules.add_perm("convergence.edit_clusters", is_coordinator)
rules.add_perm("convergence.map_texts", is_coordinator)
rules.add_perm("convergence.set_stance", is_coordinator)
