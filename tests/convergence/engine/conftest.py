"""Shared framework items for the engine tests (a few GCM objectives, titles as adopted)."""

from __future__ import annotations

import pytest

from convenor.convergence.engine import FrameworkItemText, expansions_for

TITLES = {
    "2": "Minimize the adverse drivers and structural factors that compel people to leave "
    "their country of origin",
    "5": "Enhance availability and flexibility of pathways for regular migration",
    "6": "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
    "13": "Use migration detention only as a measure of last resort and work towards alternatives",
    "15": "Provide access to basic services for migrants",
    "20": "Promote faster, safer and cheaper transfer of remittances and foster financial "
    "inclusion of migrants",
    "21": "Cooperate in facilitating safe and dignified return and readmission, as well as "
    "sustainable reintegration",
    "23": "Strengthen international cooperation and global partnerships for safe, orderly and "
    "regular migration",
}


@pytest.fixture
def items() -> list[FrameworkItemText]:
    return [FrameworkItemText(code=c, title=t) for c, t in TITLES.items()]


@pytest.fixture
def expansions() -> dict[str, list[str]]:
    every = expansions_for("gcm-objectives")
    return {code: every[code] for code in TITLES}
