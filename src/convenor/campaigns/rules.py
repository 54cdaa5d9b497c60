"""Who may do what in the campaigns app: coordinators run statements."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator

rules.add_perm("campaigns.add_statement", is_coordinator)
rules.add_perm("campaigns.change_statement", is_coordinator)
rules.add_perm("campaigns.moderate_statement", is_coordinator)
rules.add_perm("campaigns.export_contacts", is_coordinator)
rules.add_perm("campaigns.view_embargoed", is_coordinator)
