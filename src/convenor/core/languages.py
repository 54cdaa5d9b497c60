"""Language codes: ISO 639-1 (two letters), optionally with a region or script subtag
("pt-BR", "zh-Hant"), as in BCP 47. "zz" or "sp" are not languages."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CODES = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_CODES.split())
_SHAPE = re.compile(r"^([a-z]{2})(-[A-Za-z0-9]{2,8})?$")
MESSAGE = _("Use an ISO 639-1 language code such as en, fr or es.")


def is_language_code(value: str | None) -> bool:
    """True for an ISO 639-1 code, alone or with one subtag ("en", "pt-BR")."""
    match = _SHAPE.match(value or "")
    return match is not None and match.group(1) in ISO_639_1


def validate_language_code(value: str) -> None:
    """A form field validator: ValidationError unless `value` is_language_code."""
    if value and not is_language_code(value):
        raise ValidationError(MESSAGE, code="invalid")
