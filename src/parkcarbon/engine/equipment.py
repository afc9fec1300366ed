"""Combustion equipment of a fuel line: the qualifier that selects a guideline's per-equipment default.

The cement and flat glass guidelines (NDRC 2013, Appendix 2 Table 2.3) give coal's oxidation rate by the equipment
that burns it: 98 % in kilns (窑炉), 95 % in industrial boilers (工业锅炉), 91 % in other combustion equipment
(其他燃烧设备). A factor row qualified by one of these codes (``qualifier`` column of data/factors/*.csv) is chosen for
a line naming that equipment, within the guideline's dataset; a line naming none, or a guideline without
per-equipment values, takes the dataset's unqualified default (see choices.csv CH-189 / CH-233).
"""

from __future__ import annotations

import re

COLUMN = "equipment"  # the input column (template key, engine row field, ActivityLine.extra key, API field)
EQUIPMENT: dict[str, tuple[str, str]] = {  # code -> (Chinese, English) as Table 2.3 names them
    "kiln": ("窑炉", "Kiln"),
    "industrial_boiler": ("工业锅炉", "Industrial boiler"),
    "other_equipment": ("其他燃烧设备", "Other combustion equipment"),
}
_ALIASES = {"other": "other_equipment", "boiler": "industrial_boiler", "其他设备": "other_equipment"}


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


_BY_TEXT = {_key(text): code for code, names in EQUIPMENT.items() for text in (code, *names)}
_BY_TEXT.update({_key(alias): code for alias, code in _ALIASES.items()})
_BY_TEXT.update({_key(f"{zh} {en}"): code for code, (zh, en) in EQUIPMENT.items()})  # "窑炉 Kiln" (a bilingual list)


def canonical(value) -> str | None:
    """The code of a value given as code or label, in Chinese or English (case, spaces and underscores aside):
    ``"工业锅炉"``, ``"Industrial boiler"`` and ``"industrial_boiler"`` are all ``"industrial_boiler"``; "" for a blank
    value, None for an unknown one."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if not text.strip():
        return ""
    return _BY_TEXT.get(_key(text))


def label(code: str, zh: bool) -> str:
    names = EQUIPMENT.get(code)
    return (names[0] if zh else names[1]) if names else code


def allowed_text(zh: bool) -> str:
    """'kiln (窑炉), industrial_boiler (工业锅炉) or other_equipment (其他燃烧设备)' for messages."""
    if zh:
        return "、".join(f"{zh_name}（{code}）" for code, (zh_name, _en) in EQUIPMENT.items())
    items = [f"{code} ({zh_name})" for code, (zh_name, _en) in EQUIPMENT.items()]
    return ", ".join(items[:-1]) + " or " + items[-1]
