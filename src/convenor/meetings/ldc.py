"""The UN list of Least Developed Countries, shipped as data (data/ldc.yaml) with its date
and source: participants from these countries may be eligible for travel support."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "ldc.yaml"


@dataclass(frozen=True)
class LdcList:
    countries: frozenset[str]
    as_of: dt.date
    source: str
    source_url: str


@cache
def ldc_list() -> LdcList:
    with DATA.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    return LdcList(
        countries=frozenset(str(c).upper() for c in data["countries"]),
        as_of=data["as_of"],
        source=data["source"],
        source_url=data["source_url"],
    )


def is_ldc(country_code: str) -> bool:
    return (country_code or "").upper() in ldc_list().countries
