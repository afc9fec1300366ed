"""What the accounting guidelines mean for data entry, in the user's language: which activities a section offers
first, which guideline covers the others, which parameters must be measured, and units in plain words.

Built from the engine's catalogue and methodology files; nothing here is hard-coded per activity.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parkcarbon.engine import load_library, units
from parkcarbon.engine import methodology as M
from parkcarbon.engine.methods import METHODS

_CJK = re.compile(r"[\u4e00-\u9fff]")


def zh() -> bool:
    return (get_language() or "").startswith("zh")


def title(m) -> str:
    """A guideline's name in the user's language."""
    return f"《{m.title_zh}》" if zh() else f"“{m.title_en}”"


def completeness(m) -> str:
    """A guideline's completeness in words (the methodology files' ``status``)."""
    if m.status == "complete":
        return _("complete: every source category, parameter and default is stated")
    if m.status == "transcribed":
        return _("complete, some defaults transcribed: every source category, parameter and default is stated; "
                 "some defaults come from a public copy of the guideline's tables and are still to be checked against "
                 "the published text")
    return _("incomplete: source categories only; some parameters have no default and must be measured")


def activity_name(code: str) -> str:
    act = load_library().activities.get(code)
    if act is None:
        return code
    return act.name_zh if zh() else act.name_en


def provenance_label(key: str) -> str:
    """How a factor's value was read (the library's ``provenance``: official, transcription, derived), in words."""
    labels = {"official": _("official text"), "transcription": _("transcription"), "derived": _("derived")}
    return labels.get(key, key)


def unit_label(unit: str) -> str:
    """A unit as the user writes it: the Chinese name in zh-hans (万吨, 千瓦时) where units.csv has one; ratios
    (``fraction``) are words, never the key."""
    if unit in ("fraction", "1", "-", "ratio"):
        return _("ratio")
    if "/" in unit and zh():
        return "/".join(_part_label(part) for part in unit.split("/"))
    if zh():
        for name in _unit_aliases().get(unit, ()):
            if _CJK.search(name):
                return name
    elif _CJK.search(unit):  # typed on a Chinese page (吨, 万千瓦时): its code on an English one
        return next((code for code, aliases in _unit_aliases().items() if unit in aliases), unit)
    return unit


# Units that are words, not symbols: in a compound unit on a zh page they read in Chinese (tCH4/口, tCO2/千m3,
# kgCH4/头), as 10^4 yuan reads 万元 (tce/万元); symbols (t, GJ, MWh, TJ) stay symbols, as in tCO2/MWh.
_WORD_UNITS = frozenset({"well", "facility", "head", "person", "month", "day", "yr", "mu"})


def _part_label(part: str) -> str:
    """One side of a compound unit on a zh page: a word unit or a power-of-ten unit (10^3 m3) in Chinese."""
    if part == "10^4 yuan":
        return "万元"
    if part in _WORD_UNITS or part.startswith("10^"):
        return next((name for name in _unit_aliases().get(part, ()) if _CJK.search(name)), part)
    return part


@cache
def _unit_aliases() -> dict[str, tuple[str, ...]]:
    """unit code -> its aliases, from the engine's units.csv."""
    text = resources.files("parkcarbon.engine").joinpath("data/units.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: tuple(filter(None, row["aliases"].split("|"))) for row in rows}


def covering(activity: str, methodology_ids) -> tuple[object, object] | None:
    """(guideline, category) among the chosen ones that covers the activity, or None."""
    for mid in methodology_ids:
        m = M.get(mid)
        cat = m.category_of(activity)
        if cat is not None:
            return m, cat
    return None


def _international(m) -> bool:
    """IPCC and GHG Protocol methodologies, as opposed to China's own guidelines."""
    return m.source.startswith(("IPCC", "GHGP"))


def suggestion(activity: str, park_level: bool, chosen=()) -> object | None:
    """The guideline to add for an activity the chosen ones do not cover: complete ones first, then those of the
    chosen ones' family (an inventory under China's guidelines is offered China's, one under IPCC or the GHG
    Protocol the international ones), then those for the inventory's boundary (park or enterprise), then the order
    of the methodology files."""
    candidates = [m for m in M.methodologies().values() if m.category_of(activity) is not None]
    level = "park" if park_level else "enterprise"
    families = {_international(M.get(mid)) for mid in chosen}
    candidates.sort(key=lambda m: (m.status == "listed", bool(families) and _international(m) not in families,
                                   m.level != level))
    return candidates[0] if candidates else None


def param_unit(param, activity) -> str:
    """An engine parameter's unit for an activity (``{amount}`` is the activity's default unit)."""
    return param.unit.replace("{amount}", load_library().activities[activity].default_unit)


def unit_fits(unit: str, param, activity: str, amount_unit: str) -> bool:
    """Whether a measured parameter's unit converts to the parameter's unit, per unit of the line's amount or of
    the activity's default unit (the engine takes either)."""
    for per in (amount_unit, load_library().activities[activity].default_unit):
        try:
            units.factor(unit, param.unit.replace("{amount}", per))
            return True
        except (units.UnitError, ValueError):
            continue
    return False


def required_params(methodology_ids, activity: str) -> list:
    """Engine parameters the guideline covering the activity gives no default for (a measured value is needed)."""
    found = covering(activity, methodology_ids)
    act = load_library().activities.get(activity)
    if found is None or act is None:
        return []
    _m, cat = found
    wanted = {p.name for p in cat.parameters if p.default == "none" and p.applies_to(activity)}
    dim = units.dimension_of(act.default_unit)
    return [p for p in METHODS[act.method].params
            if p.name in wanted and (not p.needed_for or dim in p.needed_for)]


def param_label(param) -> str:
    return (param.label_zh if zh() else param.label_en) or param.name


def not_covered_message(activity: str, methodology_ids, park_level: bool) -> str:
    """A plain sentence for an activity outside the chosen guidelines, with what to do."""
    names = ("、" if zh() else ", ").join(title(M.get(m)) for m in methodology_ids)
    other = suggestion(activity, park_level, methodology_ids)
    text = _("%(activity)s is not counted by %(guidelines)s.") % {"activity": activity_name(activity),
                                                                  "guidelines": names}
    if other is not None:
        text += " " + _("It is covered by %(guideline)s: add that guideline to this inventory (button above the "
                        "form), or choose another activity.") % {"guideline": title(other)}
    return text


def param_label_of(activity: str, name: str) -> str:
    """The label of a parameter of an activity's method, in the user's language."""
    act = load_library().activities.get(activity)
    for p in METHODS[act.method].params if act else ():
        if p.name == name:
            return param_label(p)
    return name


def plain_rows(rows: list[dict]) -> list[dict]:
    """Display rows (preview.line_rows) with their units and factor parameters in the user's language."""
    for r in rows:
        r["unit_label"] = unit_label(r["unit"])
        for f in r["factors"]:
            f["label"] = param_label_of(r["activity"], f["param"])
            f["unit_label"] = unit_label(f["unit"]) if f.get("unit") else ""
            f["source_short"] = source_short(f.get("source") or "")
    return rows


# A source titled in both languages, "中文标题 (English title)" (sources.csv): the Chinese part, then the English one
_BILINGUAL_TITLE = re.compile(r"^(.*[\u4e00-\u9fff][^()]*?)\s+\(([^\u4e00-\u9fff]+)\)$")


def source_short(title: str) -> str:
    """A source's title in the page's language where sources.csv gives both (the lines table shows its first 36
    characters: an English page showed "工业其他行业企业温室气体排放核算方法与报告指南（试行） (Guidel…", walk of 2026-11-29,
    walker4); other titles as they are."""
    m = _BILINGUAL_TITLE.match(title)
    if m is None:
        return title
    return m.group(1) if zh() else m.group(2)
