"""Which of the coalition's regions a country belongs to (ISO 3166 alpha-2 -> region slug)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REGION_LABELS = {
    "africa": _("Africa"),
    "asia": _("Asia"),
    "mena": _("Middle East and North Africa"),
    "europe": _("Europe"),
    "north-america": _("North America"),
    "latin-america-caribbean": _("Latin America and the Caribbean"),
    "pacific": _("Pacific"),
    "global": _("Global"),
}

_MEMBERS = {
    "mena": "DZ BH EG IQ IR IL JO KW LB LY MA OM PS QA SA SY TN AE YE EH",
    "africa": (
        "AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ GQ ER SZ ET GA GM GH GN GW KE LS LR MG MW ML "
        "MR MU MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG UG ZM ZW RE YT SH"
    ),
    "asia": (
        "AF BD BT BN KH CN HK MO IN ID JP KZ KP KR KG LA MY MV MN MM NP PK PH SG LK TW TJ TH "
        "TL TM UZ VN"
    ),
    "europe": (
        "AL AD AM AT AZ BY BE BA BG HR CY CZ DK EE FI FR GE DE GR HU IS IE IT XK LV LI LT LU MT "
        "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH TR UA GB VA FO GI GG IM JE AX"
    ),
    "north-america": "US CA GL BM PM",
    "latin-america-caribbean": (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC "
        "VC SR TT UY VE AI AW BQ VG KY CW GF GP MQ MS PR BL MF SX TC VI FK"
    ),
    "pacific": "AU FJ KI MH FM NR NZ PW PG WS SB TO TV VU CK NU NC PF WF AS GU MP TK PN NF",
}
COUNTRY_REGION = {code: region for region, codes in _MEMBERS.items() for code in codes.split()}


def region_of(country: str) -> str:
    """The region slug of an ISO alpha-2 country code ("global" when unknown)."""
    return COUNTRY_REGION.get((country or "").upper(), "global")


def region_label(slug: str) -> str:
    return str(REGION_LABELS.get(slug, slug))
