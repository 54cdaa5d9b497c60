"""Who may do what in the meetings app: the programme is public; coordinators manage
registrations, accreditation lists and small tables."""

from __future__ import annotations

import rules

from convenor.core.rules import is_coordinator

rules.add_perm("meetings.manage_meeting", is_coordinator)
rules.add_perm("meetings.manage_registrations", is_coordinator)
rules.add_perm("meetings.manage_accreditation", is_coordinator)
rules.add_perm("meetings.manage_tables", is_coordinator)
rules.add_perm("meetings.view_registrations", is_coordinator)
