"""Methodology profiles: which guideline an inventory follows, as data (``data/methodologies/*.yaml``).

A methodology file names a guideline (China's 24 enterprise guidelines, the provincial inventory guideline applied to
a park, IPCC 2006, the GHG Protocol), the industries it applies to (GB/T 4754-2017 codes or prefixes), its source
categories with the engine activities and methods each uses, the parameters each category needs and whether the
guideline gives a default, the units and tiers it allows, its factor datasets, its default GWP set and the tables of
its report. The grammar is in ``data/methodologies/README.md``. Every file is validated when first loaded; an unknown
method, activity, unit, parameter, dataset or GWP set is a DataFileError naming the file and line. Adding a
methodology touches no Python.

Python API (what the web app calls)
-----------------------------------
``methodologies() -> dict[str, Methodology]``
    every methodology, validated and cached; ``get(id) -> Methodology`` one of them (KeyError naming the choices).
``propose(industry_code) -> list[Methodology]``
    enterprise methodologies for a GB/T 4754-2017 code (``"C3011"`` or ``"3011"``), most specific industry match
    first, then the general ones (IPCC 2006, GHG Protocol). No or a malformed code raises InputError naming
    ``industry_code``.
``check_rows(methodology_ids, rows) -> list[Problem]``
    rows not computable under the chosen methodologies: activity no chosen methodology covers, unit the guideline
    does not allow, parameter the guideline requires measured (it has no default) left blank. Empty list = fine.
``options_for(methodology_ids, year, region, *, gwp=None, grid_basis=None) -> Options``
    calculation options: datasets in the guideline's order of preference, whether CH4/N2O from combustion count,
    the guideline's GWP set unless ``gwp`` is given. The first methodology of a combination decides the GWP set,
    grid basis and combustion rule; the datasets of all are merged in order (no other dataset is consulted).
``calculate_enterprise(methodology_ids, rows, year, region, *, gwp=None, grid_basis=None) -> Result``
    check_rows (InputError if any problem) then calculate; the result records the methodologies and GWP set, and its
    lines gain ``methodology`` and ``guideline_category`` columns.
``calculate_park(enterprises, year, region, *, gwp=None) -> Result``
    ``enterprises`` maps an enterprise id to ``(methodology_ids, rows)``; each enterprise is computed under its own
    methodologies with the park's GWP set (default: the park inventory methodology's), one calculation per distinct
    methodology mix, and the lines are combined, so the park total is the sum of the enterprises' totals and every
    row is counted once.
``parameter_defaults(methodology_id, activity, year, region) -> list[dict]``
    the parameters an activity needs under a methodology: default value, unit and its source/table, or that the
    guideline requires a measured value. For data-entry forms and the Excel template.
``report_tables(result, methodology_id) -> list[tuple[ReportTable, DataFrame]]``
    the guideline's own report tables filled from a result of ``calculate_enterprise``.
``Methodology``
    ``id``, ``title_zh/en``, ``issuer_zh/en``, ``document``, ``year``, ``source`` (sources.csv id), ``status``
    (complete / listed), ``level`` (enterprise / park), ``industries``, ``gwp``, ``combustion_non_co2``,
    ``datasets``, ``categories`` (each with ``title_zh/en``, ``section``, ``scope``, ``gases``, ``methods``,
    ``activities``, ``units``, ``tiers``, ``parameters``, ``computable``), ``tables``; ``activities`` lists the
    activity codes in category order (show them first in data entry), ``category_of(activity)``.
``load_file(name, text) -> Methodology``, ``normalise_industry_code(code) -> str``, ``annotate(lines, ids)``,
``combine(results) -> Result`` are the building blocks of the above.

Example::

    >>> from parkcarbon.engine import methodology as M
    >>> [m.id for m in M.propose("C3011")][:2]
    ['cn_cement', 'cn_other_industry']
    >>> r = M.calculate_enterprise(["cn_other_industry"], [{"activity": "bituminous_coal", "amount": 1000,
    ...                             "unit": "t"}], 2022, "CN-JS")
    >>> r.gwp_set, r.methodologies, round(r.total_co2e, 2)
    ('SAR', ('cn_other_industry',), 2071.51)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from parkcarbon.engine import units
from parkcarbon.engine.calculate import GRID_BASES, GWP_SETS, Options, calculate, normalise_rows
from parkcarbon.engine.errors import DataFileError, InputError, Problem
from parkcarbon.engine.library import SECTIONS, Library, load_library
from parkcarbon.engine.methods import METHODS
from parkcarbon.engine.result import GAS_GROUPS, GAS_ORDER, Result

# complete: every category, parameter and default with its source, and tests; transcribed: the same, but some defaults
# come from a public transcription of the guideline's tables, to check against the published text; listed: categories
STATUSES = ("complete", "transcribed", "listed")
STATED = ("complete", "transcribed")  # every parameter's default is stated
LEVELS = ("enterprise", "park")
DEFAULT_RULES = ("library", "none", "optional")  # default from the datasets / guideline has none (measure) / may be blank
TIERS = (1, 2, 3)
GRID_DATASETS = ("cn_grid_reporting", "cn_grid_average")
TABLE_COLUMNS = ("amount", *GAS_GROUPS, "HFCs", "PFCs", "CO2_biogenic", "co2e", "co2e_market")
ANY_INDUSTRY = "*"
PARK_METHODOLOGY = "cn_park_inventory"
_INDUSTRY_RE = re.compile(r"^[A-T](\d{2}|\d{3}|\d{4})?$")
# GB/T 4754-2017 divisions (two digits) -> section letter, to accept codes written without their letter.
_SECTION_OF_DIVISION = [(5, "A"), (12, "B"), (43, "C"), (46, "D"), (50, "E"), (52, "F"), (60, "G"), (62, "H"),
                        (65, "I"), (69, "J"), (70, "K"), (72, "L"), (75, "M"), (79, "N"), (82, "O"), (83, "P"),
                        (85, "Q"), (90, "R"), (96, "S"), (97, "T")]


@dataclass(frozen=True)
class Parameter:
    """A parameter of a category. ``default``: ``library`` (tier 1 default from the methodology's datasets),
    ``none`` (the guideline gives no default: a measured value is required), ``optional`` (may be left blank).
    ``only`` limits the rule to those activities (others of the category use ``library``)."""

    name: str
    default: str
    only: tuple[str, ...]
    note: str
    label_zh: str
    label_en: str

    def applies_to(self, activity: str) -> bool:
        return not self.only or activity in self.only


@dataclass(frozen=True)
class Category:
    id: str
    title_zh: str
    title_en: str
    section: str
    scope: int
    gases: tuple[str, ...]
    methods: tuple[str, ...]  # engine methods; empty = the engine has no method for it yet (see ``note``)
    activities: tuple[str, ...]
    units: tuple[str, ...]  # units of the guideline's activity data; any unit of the same quantity is accepted
    dimensions: frozenset[str]
    tiers: tuple[int, ...]
    parameters: tuple[Parameter, ...]
    note: str
    line: int

    @property
    def computable(self) -> bool:
        return bool(self.methods)

    def rule(self, param: str, activity: str) -> str:
        """The default rule of a parameter for an activity (``library`` when the file does not say)."""
        for p in self.parameters:
            if p.name == param and p.applies_to(activity):
                return p.default
        return "library"


@dataclass(frozen=True)
class ReportTable:
    id: str
    title_zh: str
    title_en: str
    categories: tuple[str, ...]
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Methodology:
    id: str
    title_zh: str
    title_en: str
    issuer_zh: str
    issuer_en: str
    document: str
    year: int
    source: str  # sources.csv id
    status: str
    level: str
    industries: tuple[str, ...]
    gwp: str
    combustion_non_co2: bool
    datasets: tuple[str, ...]
    grid_basis: str
    categories: tuple[Category, ...]
    tables: tuple[ReportTable, ...]
    note: str
    file: str

    def category_of(self, activity: str) -> Category | None:
        return self._by_activity().get(activity)

    def _by_activity(self) -> dict[str, Category]:
        return _activity_index(self)

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(self._by_activity())

    def match(self, code: str) -> int:
        """Specificity of the best industry match for a normalised code: length of the matching prefix, 0 for a
        methodology that applies to any industry, -1 for no match."""
        best = -1
        for prefix in self.industries:
            if prefix == ANY_INDUSTRY:
                best = max(best, 0)
            elif code.startswith(prefix):
                best = max(best, len(prefix))
        return best


_INDEX: dict[int, tuple[Methodology, dict[str, Category]]] = {}


def _activity_index(m: Methodology) -> dict[str, Category]:
    """activity -> category (an activity belongs to one category of a methodology; the loader checks it)."""
    if id(m) not in _INDEX:
        _INDEX[id(m)] = (m, {a: c for c in m.categories for a in c.activities})  # keeps m alive: ids stay unique
    return _INDEX[id(m)][1]


# --- loading and validation -----------------------------------------------------------------------------------

class _LineLoader(yaml.SafeLoader):
    """YAML loader that records the line of every mapping under the key ``__line__``."""


def _mapping_with_line(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


class _Reader:
    """Typed access to a YAML mapping with errors naming the file and line; unknown keys are errors."""

    def __init__(self, file: str, data, where: str = "") -> None:
        if not isinstance(data, dict):
            raise DataFileError(f"{file}: {where or 'the file'} must be a mapping")
        self.file, self.data, self.line = file, data, data.get("__line__", 0)
        self.used = {"__line__"}

    def error(self, message: str) -> DataFileError:
        return DataFileError(f"{self.file} line {self.line}: {message}")

    def get(self, key: str, kind=str, default=...):
        self.used.add(key)
        if key not in self.data or self.data[key] is None:
            if default is ...:
                raise self.error(f"{key} is required")
            return default
        value = self.data[key]
        if kind is list:
            if isinstance(value, str | int):
                value = [value]
            if not isinstance(value, list):
                raise self.error(f"{key} must be a list")
            return value
        if kind is bool and not isinstance(value, bool):
            raise self.error(f"{key} must be true or false")
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise self.error(f"{key} must be a whole number")
        if kind is str:
            if not isinstance(value, str | int | float) or isinstance(value, bool):
                raise self.error(f"{key} must be text")
            value = str(value).strip()
        if kind is dict and not isinstance(value, dict):
            raise self.error(f"{key} must be a mapping")
        return value

    def text2(self, key: str) -> tuple[str, str]:
        """A {zh, en} pair."""
        sub = _Reader(self.file, self.get(key, dict), key)
        sub.line = sub.line or self.line
        pair = sub.get("zh"), sub.get("en")
        sub.done()
        return pair

    def done(self) -> None:
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.error(f"unknown key(s) {', '.join(unknown)}")


def normalise_industry_code(code) -> str:
    """``"C3011"``, ``"c 3011"`` or ``"3011"`` -> ``"C3011"``; InputError naming ``industry_code`` otherwise."""
    if isinstance(code, float) and np.isfinite(code) and code == int(code):
        code = int(code)  # 3011.0 read from a spreadsheet cell
    text = "" if code is None or (isinstance(code, float) and np.isnan(code)) else str(code).strip().upper()
    text = text.replace(" ", "")
    if not text:
        raise InputError([Problem("-", "industry_code", "the enterprise has no industry code: enter its GB/T 4754-2017 "
                                  "code (e.g. C3011 cement) so that its accounting guideline can be proposed")])
    if text.isdigit() and len(text) in (2, 3, 4):
        division = int(text[:2])
        letter = next((s for last, s in _SECTION_OF_DIVISION if division <= last), "")
        text = letter + text
    if not _INDUSTRY_RE.match(text):
        raise InputError([Problem("-", "industry_code", f"{code!r} is not a GB/T 4754-2017 code: a section letter "
                                  "and 2-4 digits, e.g. C3011 (cement) or D4411 (thermal power)")])
    return text


def _load_category(r: _Reader, lib: Library, combustion_non_co2: bool, status: str) -> Category:
    cid = r.get("id")
    title = r.text2("title")
    section = r.get("section")
    if section not in SECTIONS:
        raise r.error(f"section must be one of {', '.join(SECTIONS)}")
    scope = r.get("scope", int)
    if scope not in (1, 2, 3):
        raise r.error("scope must be 1, 2 or 3")
    gases = tuple(str(g) for g in r.get("gases", list))
    for g in gases:
        if g not in GAS_GROUPS and g not in ("HFCs", "PFCs"):
            raise r.error(f"unknown gas {g!r}")
    methods = tuple(str(m) for m in r.get("methods", list, []))
    for m in methods:
        if m not in METHODS:
            raise r.error(f"unknown engine method {m!r} (engine/methods)")
    note = r.get("note", str, "")
    if not methods and not note:
        raise r.error(f"category {cid}: give the engine methods, or a note saying why the engine cannot compute it")
    acts = [str(a) for a in r.get("activities", list, [])]
    for engine_cat in r.get("activity_categories", list, []):
        found = [a.code for a in lib.activities.values() if a.category == engine_cat and a.method in methods]
        if not found:
            raise r.error(f"activity category {engine_cat!r} has no activity computed by {', '.join(methods)}")
        acts += [a for a in found if a not in acts]
    for a in r.get("exclude", list, []):
        if a not in acts:
            raise r.error(f"excluded activity {a!r} is not in the category")
        acts.remove(a)
    for a in acts:
        act = lib.activities.get(a)
        if act is None:
            raise r.error(f"unknown activity {a!r} (data/activities_*.csv)")
        if act.method not in methods:
            raise r.error(f"activity {a} is computed by {act.method}, which is not one of the category's methods")
    if methods and not acts:
        raise r.error(f"category {cid} lists no activity")
    unit_list = tuple(str(u) for u in r.get("units", list, []))
    dims = set()
    allowed = {d for a in acts for d in lib.activities[a].dimensions}
    for u in unit_list:
        try:
            d = units.dimension_of(u)
        except units.UnitError as exc:
            raise r.error(str(exc)) from None
        if d not in allowed:
            raise r.error(f"unit {u} is not a unit of the category's activities ({', '.join(sorted(allowed))})")
        dims.add(d)
    if acts and not unit_list:
        raise r.error(f"category {cid}: list the units of its activity data")
    tiers = tuple(r.get("tiers", list, [1]))
    if not tiers or any(t not in TIERS for t in tiers):
        raise r.error("tiers must be among 1, 2, 3")
    method_params = {p.name: p for m in methods for p in METHODS[m].params}
    params = []
    for raw in r.get("parameters", list, []):
        p = _Reader(r.file, raw, "a parameter")
        name = p.get("name")
        if name not in method_params:
            raise p.error(f"unknown parameter {name!r} for {', '.join(methods) or 'a category without method'} "
                          f"(known: {', '.join(method_params) or 'none'})")
        rule = p.get("default")
        if rule not in DEFAULT_RULES:
            raise p.error(f"default must be one of {', '.join(DEFAULT_RULES)}")
        only = tuple(str(a) for a in p.get("only", list, []))
        for a in only:
            if a not in acts:
                raise p.error(f"parameter {name}: activity {a!r} is not in the category")
        engine_param = method_params[name]
        params.append(Parameter(name, rule, only, p.get("note", str, ""), engine_param.label_zh, engine_param.label_en))
        p.done()
    fuel = "fuel_combustion" in methods
    if fuel and combustion_non_co2 != ("CH4" in gases):
        raise r.error(f"category {cid}: combustion_non_co2 is {str(combustion_non_co2).lower()}, so its gases "
                      f"{'must' if combustion_non_co2 else 'must not'} include CH4 and N2O")
    if status in STATED:
        listed = {p.name for p in params}
        missing = [n for n, ep in method_params.items() if n not in listed and (not ep.gas or ep.gas in gases)]
        if missing:
            raise r.error(f"category {cid} of a {status} methodology must state the default of {', '.join(missing)}")
    r.done()
    return Category(cid, *title, section, scope, gases, methods, tuple(acts), unit_list, frozenset(dims), tiers,
                    tuple(params), note, r.line)


def _load_file(name: str, text: str, lib: Library) -> Methodology:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.YAMLError as exc:
        raise DataFileError(f"{name}: {exc}") from None
    r = _Reader(name, data)
    mid = r.get("id")
    if mid + ".yaml" != name:
        raise r.error(f"id {mid!r} must match the file name")
    status = r.get("status")
    if status not in STATUSES:
        raise r.error(f"status must be one of {', '.join(STATUSES)}")
    level = r.get("level", str, "enterprise")
    if level not in LEVELS:
        raise r.error(f"level must be one of {', '.join(LEVELS)}")
    source = r.get("source")
    if source not in lib.sources:
        raise r.error(f"unknown source {source!r} (add it to sources.csv)")
    industries = tuple(str(i).strip() for i in r.get("industries", list, []))
    for code in industries:
        if code != ANY_INDUSTRY and not _INDUSTRY_RE.match(code):
            raise r.error(f"industry {code!r} is not a GB/T 4754-2017 code or prefix (e.g. C30, C3011) or *")
    if level == "enterprise" and not industries:
        raise r.error("an enterprise methodology lists the industries it applies to (or * for any)")
    gwp = r.get("gwp")
    if gwp not in GWP_SETS or gwp not in lib.gwp:
        raise r.error(f"unknown GWP set {gwp!r}; choose one of {', '.join(GWP_SETS)}")
    known_datasets = {f.dataset for f in lib.factors.values()} - set(GRID_DATASETS)
    datasets = tuple(str(d) for d in r.get("datasets", list))
    for d in datasets:
        if d not in known_datasets:
            raise r.error(f"unknown dataset {d!r} (datasets of data/factors: {', '.join(sorted(known_datasets))})")
    grid_basis = r.get("grid_basis", str, "reporting")
    if grid_basis not in GRID_BASES:
        raise r.error(f"grid_basis must be one of {', '.join(GRID_BASES)}")
    non_co2 = r.get("combustion_non_co2", bool)
    year = r.get("year", int)
    categories = []
    for raw in r.get("categories", list):
        categories.append(_load_category(_Reader(name, raw, "a category"), lib, non_co2, status))
    ids = [c.id for c in categories]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise r.error(f"duplicate category id(s) {', '.join(sorted(dup))}")
    seen: dict[str, str] = {}
    for c in categories:
        for a in c.activities:
            if a in seen:
                raise DataFileError(f"{name} line {c.line}: activity {a} is already in category {seen[a]} "
                                    "(an activity belongs to one category, so nothing is counted twice)")
            seen[a] = c.id
    tables = []
    for raw in r.get("report_tables", list, []):
        t = _Reader(name, raw, "a report table")
        cats = tuple(str(c) for c in t.get("categories", list))
        for c in cats:
            if c not in ids:
                raise t.error(f"report table refers to unknown category {c!r}")
        cols = tuple(str(c) for c in t.get("columns", list))
        for c in cols:
            if c not in TABLE_COLUMNS:
                raise t.error(f"unknown report column {c!r} (one of {', '.join(TABLE_COLUMNS)})")
        tables.append(ReportTable(t.get("id"), *t.text2("title"), cats, cols))
        t.done()
    m = Methodology(
        id=mid, title_zh=r.text2("title")[0], title_en=r.text2("title")[1], issuer_zh=r.text2("issuer")[0],
        issuer_en=r.text2("issuer")[1], document=r.get("document"), year=year, source=source, status=status,
        level=level, industries=industries, gwp=gwp, combustion_non_co2=non_co2, datasets=datasets,
        grid_basis=grid_basis, categories=tuple(categories), tables=tuple(tables), note=r.get("note", str, ""),
        file=name,
    )
    r.done()
    return m


def methodologies(release: str | None = None) -> dict[str, Methodology]:
    """Every methodology file of a factor library release (default the newest), validated against that release's
    library (cached: the files are read once per release). A release reads the methodology files of its time:
    ``data/releases/<id>/methodologies/`` layered like its factor files (see engine/factor_releases.py). A park
    release (``2026.2+park.1``) follows its shipped base."""
    from parkcarbon.engine.factor_releases import resolve_id

    return _methodologies(resolve_id((release or "").split("+", 1)[0] or None))


@cache
def _methodologies(release: str) -> dict[str, Methodology]:
    from parkcarbon.engine.factor_releases import release_root

    lib = load_library(release=release or None)
    root = (release_root(release) if release else resources.files("parkcarbon.engine").joinpath("data")) / \
        "methodologies"
    files = sorted((p for p in root.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    out = {}
    for path in files:
        m = _load_file(path.name, path.read_text("utf-8"), lib)
        out[m.id] = m
    return out


def load_file(name: str, text: str, library: Library | None = None) -> Methodology:
    """Validate one methodology file's text (for tests and for checking a new file before adding it)."""
    return _load_file(name, text, library or load_library())


def get(methodology_id: str, release: str | None = None) -> Methodology:
    ms = methodologies(release)
    if methodology_id not in ms:
        raise KeyError(f"unknown methodology {methodology_id!r}; choose one of {', '.join(ms)}")
    return ms[methodology_id]


def _resolve(ids, library: Library | None = None) -> list[Methodology]:
    """Methodologies by id, as the release of ``library`` shipped them (the newest release without one)."""
    if isinstance(ids, str | Methodology):
        ids = [ids]
    release = library.release if library is not None else None
    return [i if isinstance(i, Methodology) else get(i, release) for i in ids]


def propose(industry_code) -> list[Methodology]:
    """Enterprise methodologies applying to an industry code, most specific match first (ties by id); general
    methodologies (``industries: ["*"]``) come last."""
    code = normalise_industry_code(industry_code)
    scored = [(m.match(code), m) for m in methodologies().values() if m.level == "enterprise"]
    return [m for s, m in sorted((x for x in scored if x[0] >= 0), key=lambda x: (-x[0], x[1].id))]


# --- checking rows against a methodology ----------------------------------------------------------------------

def _coverage(ms: list[Methodology]) -> dict[str, tuple[Methodology, Category]]:
    out: dict[str, tuple[Methodology, Category]] = {}
    for m in ms:
        for c in m.categories:
            for a in c.activities:
                out.setdefault(a, (m, c))
    return out


def _short(m: Methodology) -> str:
    return f"{m.title_en} ({m.year})"


def check_rows(methodology_ids, rows, library: Library | None = None) -> list[Problem]:
    """Problems that make rows unfit for the chosen methodologies (none: the rows may be calculated). Checks each
    distinct (activity, unit) pair once, so it is fast on large uploads."""
    problems: list[Problem] = []
    try:
        ms = _resolve(methodology_ids, library)
    except KeyError as exc:
        return [Problem("-", "methodology", str(exc.args[0]))]
    if not ms:
        return [Problem("-", "methodology", "choose at least one methodology (guideline) for the inventory")]
    lib = library or load_library()
    df = normalise_rows(rows)
    ids = df["row_id"].astype(str).to_numpy()
    sheets = df["_sheet"].astype(str).to_numpy() if "_sheet" in df else None

    def add(mask: np.ndarray, column: str, message: str, message_zh: str = "") -> None:
        for i in np.flatnonzero(mask)[:500]:
            problems.append(Problem(ids[i], column, message, None if sheets is None else sheets[i], message_zh))

    cover = _coverage(ms)
    act_codes, act_names = pd.factorize(df["activity"])
    unit_codes, unit_names = pd.factorize(df["unit"])
    names = ", ".join(_short(m) for m in ms)
    names_zh = "、".join(f"《{m.title_zh}》" for m in ms)
    width = len(unit_names) + 1
    inverse, distinct = pd.factorize((act_codes.astype(np.int64) + 1) * width + unit_codes + 1)
    for k, p in enumerate(distinct):
        a_code, u_code = p // width - 1, p % width - 1
        activity = str(act_names[a_code]) if a_code >= 0 else ""
        unit = str(unit_names[u_code]) if u_code >= 0 else ""
        sel = inverse == k
        act = lib.activities.get(activity)
        if activity not in cover:
            what = f"{act.name_en} ({activity})" if act else repr(activity)
            what_zh = f"{act.name_zh}（{activity}）" if act else repr(activity)
            add(sel, "activity", f"{what} is not a source category of {names}: choose a methodology that covers it "
                "or another activity", f"{what_zh}不是{names_zh}的排放源类别：请选择涵盖它的核算指南或其他活动")
            continue
        m, cat = cover[activity]
        try:
            dim = units.dimension_of(unit)
        except units.UnitError:
            continue  # calculate() reports unknown units
        if cat.dimensions and dim not in cat.dimensions:
            add(sel, "unit", f"{unit} is not allowed by {_short(m)} for {cat.title_en}: the guideline takes the "
                f"amount in {' or '.join(cat.units)}",
                f"《{m.title_zh}》的{cat.title_zh}不接受单位 {unit}：指南要求以 {' 或 '.join(map(units.zh_name, cat.units))} 计量")
            continue
        for p in cat.parameters:
            if p.default != "none" or not p.applies_to(activity):
                continue
            engine_param = next((ep for ep in METHODS[act.method].params if ep.name == p.name), None)
            if engine_param is None:
                continue  # a parameter of another method of the category
            if engine_param.needed_for and dim not in engine_param.needed_for:
                continue
            if p.name in df:
                raw = df[p.name]
                blank = (raw.isna() | (raw.astype(str).str.strip() == "")).to_numpy()
            else:
                blank = np.ones(len(df), dtype=bool)
            what, what_zh = (f"{act.name_en} ({activity})", f"{act.name_zh}（{activity}）") if act else (activity, activity)
            add(sel & blank, p.name, f"{_short(m)} gives no default {p.label_en or p.name} for {what}: enter the "
                f"measured value in column {p.name} with its unit in {p.name}_unit" + (f" ({p.note})" if p.note else ""),
                f"《{m.title_zh}》未给出{what_zh}的{engine_param.label_zh or p.name}缺省值：请在 {p.name} 列填写实测值，"
                f"并在 {p.name}_unit 列填写单位")
    return problems


# --- options and calculation ----------------------------------------------------------------------------------

def options_for(methodology_ids, year: int, region: str, *, gwp: str | None = None,
                grid_basis: str | None = None) -> Options:
    """Calculation options of a methodology (or a combination: the first decides GWP, grid basis and the
    combustion rule; datasets are merged in order)."""
    ms = _resolve(methodology_ids)
    if not ms:
        raise InputError([Problem("-", "methodology", "choose at least one methodology (guideline)")])
    datasets: list[str] = []
    for m in ms:
        datasets += [d for d in m.datasets if d not in datasets]
    first = ms[0]
    # An activity covered by a later guideline takes that guideline's datasets first (then the merged rest)
    own = {}
    for activity, (m, _cat) in _coverage(ms).items():
        preferred = (*m.datasets, *(d for d in datasets if d not in m.datasets))
        if preferred != tuple(datasets):
            own[activity] = preferred
    return Options(
        year=year, region=region, gwp=gwp or first.gwp, grid_basis=grid_basis or first.grid_basis,
        datasets=tuple(datasets), combustion_non_co2=first.combustion_non_co2,
        methodologies=tuple(m.id for m in ms), activity_datasets=tuple(sorted(own.items())),
    )


def annotate(lines: pd.DataFrame, methodology_ids) -> pd.DataFrame:
    """Add the ``methodology`` and ``guideline_category`` of each line (the first chosen methodology covering its
    activity; empty if none does)."""
    cover = _coverage(_resolve(methodology_ids))
    codes, names = pd.factorize(lines["activity"])  # one lookup per distinct activity, broadcast by code
    meth = np.array([cover[a][0].id if a in cover else "" for a in names] + [""], dtype=object)
    cat = np.array([cover[a][1].id if a in cover else "" for a in names] + [""], dtype=object)
    lines["methodology"], lines["guideline_category"] = meth[codes], cat[codes]
    return lines


def calculate_enterprise(methodology_ids, rows, year: int, region: str, *, gwp: str | None = None,
                         grid_basis: str | None = None, check: bool = True, library: Library | None = None) -> Result:
    """Check the rows against the methodologies, then calculate with the methodologies' options. With ``library``
    of an older release, the methodologies are that release's too."""
    ms = _resolve(methodology_ids, library)
    options = options_for(ms, year, region, gwp=gwp, grid_basis=grid_basis)
    if check:
        problems = check_rows(ms, rows, library)
        if problems:  # the calculation's own problems of the other cells too: every problem in one round
            try:
                calculate(rows, options, library)
            except InputError as exc:
                named = {(p.row, p.column) for p in problems}
                outside = {p.row for p in problems if p.column == "activity"}  # not the guideline's: nothing more
                problems += [p for p in exc.problems if (p.row, p.column) not in named and p.row not in outside]
            raise InputError(problems)
    result = calculate(rows, options, library)
    annotate(result.lines, ms)
    return result


def calculate_park(enterprises: Mapping[str, tuple[Sequence[str], object]], year: int, region: str, *,
                   gwp: str | None = None, check: bool = True, library: Library | None = None) -> Result:
    """A park inventory from its enterprises' rows, each under its own methodologies, with one GWP set (default the
    park inventory methodology's). The result's lines carry ``enterprise``, ``methodology`` and
    ``guideline_category``; totals by enterprise equal each enterprise's own calculation."""
    gwp = gwp or get(PARK_METHODOLOGY, library.release if library is not None else None).gwp
    groups: dict[tuple[str, ...], list[pd.DataFrame]] = {}
    for enterprise, (ids, rows) in enterprises.items():
        df = normalise_rows(rows).assign(enterprise=str(enterprise))
        groups.setdefault(tuple(m.id for m in _resolve(ids, library)), []).append(df)
    problems: list[Problem] = []
    for ids, frames in groups.items() if check else ():
        if check_rows(ids, pd.concat(frames, ignore_index=True), library):  # once per mix; per enterprise on error
            for df in frames:
                problems += [Problem(p.row, p.column, f"enterprise {df['enterprise'].iloc[0]}: {p.message}", p.sheet)
                             for p in check_rows(ids, df, library)]
    if problems:
        raise InputError(problems)
    if not groups:
        raise InputError([Problem("-", "enterprise", "the park has no enterprise rows")])
    results = []
    for ids, frames in groups.items():  # one calculation per distinct methodology mix
        try:
            results.append(calculate_enterprise(ids, pd.concat(frames, ignore_index=True), year, region, gwp=gwp,
                                                check=False, library=library))
        except InputError:
            raise InputError(_problems_by_enterprise(ids, frames, year, region, gwp, library)) from None
    return combine(results)


def _problems_by_enterprise(ids, frames, year, region, gwp, library) -> list[Problem]:
    """Slow path on error only: calculate each enterprise alone so that every problem names its enterprise."""
    problems = []
    for df in frames:
        try:
            calculate_enterprise(ids, df, year, region, gwp=gwp, check=False, library=library)
        except InputError as exc:
            enterprise = df["enterprise"].iloc[0]
            problems += [Problem(p.row, p.column, f"enterprise {enterprise}: {p.message}", p.sheet) for p in exc.problems]
    return problems


def combine(results: Sequence[Result]) -> Result:
    """One result from several computed with the same GWP set, year and region (lines concatenated)."""
    first = results[0]
    if len(results) == 1:
        return first
    for r in results[1:]:
        if (r.gwp_set, r.year, r.region) != (first.gwp_set, first.year, first.region):
            raise ValueError("results to combine must share GWP set, year and region")
    gases = tuple(g for g in GAS_ORDER if any(g in r.gases for r in results))
    frames = []
    for r in results:
        lines = r.lines.copy()
        for g in gases:
            if g not in lines:
                lines[g] = 0.0
        factor_cols = [c for c in lines.columns if c.startswith("factor:")]
        frames.append(lines.astype({c: object for c in factor_cols}))
    lines = pd.concat(frames, ignore_index=True)
    order = [c for c in frames[0].columns if c in lines] + [c for c in lines.columns if c not in frames[0].columns]
    used = [r.factors_used for r in results if len(r.factors_used)]
    factors_used = pd.concat(used).drop_duplicates("id").sort_values("id", ignore_index=True) if used else pd.DataFrame()
    gwp = {}
    for r in results:
        gwp.update(r.gwp)
    methodologies_used = tuple(dict.fromkeys(m for r in results for m in r.methodologies))
    gwp = {g: gwp[g] for g in (*gases, "CH4_fossil") if g in gwp}
    return Result(lines[order], gases, first.gwp_set, gwp, first.year, first.region,
                  first.grid_basis, first.library_version, first.engine_version, factors_used, methodologies_used)


# --- parameters and report tables for the web app -------------------------------------------------------------

def parameter_defaults(methodology_id: str, activity: str, year: int, region: str = "CN",
                       library: Library | None = None, equipment: str = "") -> list[dict]:
    """Parameters an activity needs under a methodology with their defaults (for a line naming its combustion
    ``equipment``, as ``calculate`` chooses them): one dict per parameter with ``name``,
    labels, ``rule`` (library / none / optional), ``value``, ``unit``, ``factor_id``, ``source``, ``table``,
    ``provenance``, ``out_of_validity`` (the default is used outside the years its source covers) (value None when
    the guideline requires a measured value or no default exists)."""
    m = get(methodology_id)
    cat = m.category_of(activity)
    if cat is None:
        raise KeyError(f"{activity} is not a source category of {_short(m)}")
    lib = library or load_library()
    act = lib.activities[activity]
    opts = options_for(m, year, region)
    out = []
    for mid in (act.method,):
        for p in METHODS[mid].params:
            if p.gas and p.gas not in cat.gases and GAS_GROUPS.get(p.gas) not in cat.gases:
                continue  # not counted by this guideline (e.g. CH4 from combustion); CF4 counts under PFCs
            rule = cat.rule(p.name, activity)
            entry = {"name": p.name, "label_zh": p.label_zh, "label_en": p.label_en, "rule": rule, "value": None,
                     "unit": p.unit, "factor_id": None, "source": None, "table": None, "provenance": None,
                     "out_of_validity": False,
                     "note": next((x.note for x in cat.parameters if x.name == p.name and x.applies_to(activity)), "")}
            if rule != "none":
                subject = p.subject[1:] if p.subject.startswith("=") else (
                    act.code if p.subject == "activity" else getattr(act, p.subject))
                if p.grid:  # as calculate._context
                    chain = lib.region_chain(region)
                    grids = tuple(r for r in chain if lib.regions[r]["level"] != "province")  # reporting: CH-390
                    regions = {"reporting": grids, "national": ("CN",), "provincial": chain,
                               "regional": grids}[opts.grid_basis]
                    datasets = ("cn_grid_reporting",) if opts.grid_basis == "reporting" else ("cn_grid_average",)
                else:
                    regions, datasets = lib.region_chain(region), opts.datasets
                qualifier = act.sector if p.qualifier == "sector" else (
                    act.code if p.qualifier == "activity" else equipment if p.qualifier == "equipment" else "")
                f = lib.resolve(subject, p.name, p.gas, qualifier, year, regions, datasets,
                                qualified_within_dataset=p.qualifier not in ("", "sector"))
                if f is not None:
                    entry.update(value=f.value, unit=f.unit, factor_id=f.id, source=f.source, table=f.table,
                                 provenance=f.provenance, out_of_validity=not lib.is_valid(f, year))
            out.append(entry)
    return out


def report_tables(result: Result, methodology_id: str) -> list[tuple[ReportTable, pd.DataFrame]]:
    """The methodology's report tables: one DataFrame per table, a row per category (zero if nothing was entered),
    the table's columns, and a total row. ``result`` comes from calculate_enterprise (lines annotated)."""
    m = get(methodology_id)
    lines = result.lines
    if "guideline_category" not in lines:
        lines = annotate(lines.copy(), [m])
    mine = lines[lines["methodology"] == m.id]
    out = []
    for t in m.tables:
        rows = []
        for cid in t.categories:
            cat = next(c for c in m.categories if c.id == cid)
            sel = mine[mine["guideline_category"] == cid]
            row = {"category": cid, "title_zh": cat.title_zh, "title_en": cat.title_en}
            for col in t.columns:
                row[col] = _column_total(sel, col, result)
            rows.append(row)
        df = pd.DataFrame(rows, columns=["category", "title_zh", "title_en", *t.columns])
        total = {"category": "total", "title_zh": "合计", "title_en": "Total"}
        for col in t.columns:
            total[col] = float(df[col].sum()) if col != "amount" else np.nan  # amounts of different units don't add
        out.append((t, pd.concat([df, pd.DataFrame([total])], ignore_index=True)))
    return out


def _column_total(lines: pd.DataFrame, col: str, result: Result) -> float:
    if col == "amount":
        units_used = lines["unit"].astype(str).unique()
        return float(lines["amount"].sum()) if len(units_used) <= 1 else np.nan
    if col in ("HFCs", "PFCs"):
        gases = [g for g in result.gases if GAS_GROUPS[g] == col]
        return float(sum(lines[g].sum() for g in gases if g in lines))
    return float(lines[col].sum()) if col in lines else 0.0


__all__ = [
    "Category", "Methodology", "Parameter", "ReportTable", "annotate", "calculate_enterprise",
    "calculate_park", "check_rows", "combine", "get", "load_file", "methodologies", "normalise_industry_code",
    "options_for", "parameter_defaults", "propose", "report_tables",
]
