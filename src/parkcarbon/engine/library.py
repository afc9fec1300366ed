"""The factor library: activities, factors, GWP sets, regions and sources, loaded from ``data/`` and validated.

Loading is separate from calculating (as in Brightway): the library is read once and validated; a calculation
then resolves each distinct (subject, parameter, qualifier) key once and broadcasts the result to its rows.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from parkcarbon.engine import units
from parkcarbon.engine.errors import DataFileError, UnitError

FACTOR_COLUMNS = (
    "id", "subject", "param", "gas", "qualifier", "region", "valid_from", "valid_to", "value", "unit",
    "uncertainty_pct", "dataset", "source", "table", "provenance", "note",
)
ACTIVITY_COLUMNS = (
    "code", "name_zh", "name_en", "section", "category", "method", "units", "default_unit", "fuel", "nonco2",
    "sector", "scope", "biogenic", "ad_uncertainty_pct",
)
SECTIONS = ("energy", "ippu", "waste", "afolu")
SECTORS = ("energy_industries", "industry", "buildings", "residential", "transport", "agriculture", "waste", "land")
PROVENANCE = ("official", "transcription", "derived")
OPEN_END = 9999
_NONE_FLAGGED = pd.CategoricalDtype([""])  # the out-of-validity column of lines whose factors are all within their years


def _years_off(f: Factor, year: int) -> int:
    """How many years ``year`` lies outside the factor's validity (0 inside)."""
    return max(f.valid_from - year, year - f.valid_to, 0)


@dataclass(frozen=True)
class Factor:
    """One cited value. ``value`` is in ``unit`` as written in the file; convert with :meth:`value_in`."""

    id: str
    subject: str
    param: str
    gas: str
    qualifier: str
    region: str
    valid_from: int
    valid_to: int
    value: float
    unit: str
    uncertainty_pct: float
    dataset: str
    source: str
    table: str
    provenance: str
    note: str
    file: str

    def value_in(self, unit: str) -> float:
        return self.value * units.factor(self.unit, unit)


@dataclass(frozen=True)
class Activity:
    code: str
    name_zh: str
    name_en: str
    section: str
    category: str
    method: str
    dimensions: tuple[str, ...]
    default_unit: str
    fuel: str
    nonco2: str
    sector: str
    scope: int
    biogenic: bool
    ad_uncertainty_pct: float


@dataclass
class Library:
    activities: dict[str, Activity]
    factors: dict[str, Factor]
    gwp: dict[str, dict[str, tuple[float, str, str]]]
    sources: dict[str, dict[str, str]]
    regions: dict[str, dict[str, str]]
    version: str
    release: str = ""  # the release id this library is (releases.yaml), "" for a data directory without releases
    choices: tuple[dict[str, str], ...] = ()  # choices.csv: where two sources disagree, the value used and why
    first_year: int = 2005  # the years computed (years.csv): base years back to first_year, defaults up to last_year
    last_year: int = 2035
    # ids of a park's own factors laid over the shipped release (engine/park_factors.py): within their validity they
    # replace the shipped factor of their key whatever dataset the guideline prefers; outside it they never apply.
    overlay: frozenset[str] = frozenset()
    _index: dict[tuple[str, str, str, str], list[Factor]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for f in self.factors.values():
            self._index.setdefault((f.subject, f.param, f.gas, f.qualifier), []).append(f)

    def region_chain(self, region: str) -> tuple[str, ...]:
        """The region and its ancestors, most specific first (``CN-JS`` -> ``CN-GRID-E`` -> ``CN``)."""
        if region not in self.regions:
            raise KeyError(region)
        chain = []
        while region:
            chain.append(region)
            region = self.regions[region]["parent"]
        return tuple(chain)

    def resolve(
        self, subject: str, param: str, gas: str, qualifier: str, year: int, regions: tuple[str, ...],
        datasets: tuple[str, ...], *, qualified_within_dataset: bool = False,
    ) -> Factor | None:
        """The factor for a key: the first dataset in ``datasets`` that has one, then the most specific region;
        a qualified factor wins over an unqualified one. Within a dataset a factor valid in ``year`` comes first;
        if the dataset has none valid, its factor nearest in time applies (defaults reach back to the base years,
        see ``years.csv``) and the line says so (:meth:`is_valid`). ``None`` if no dataset has the key, or the
        year is outside ``first_year``-``last_year``. With ``qualified_within_dataset`` the qualified factor wins
        only within a dataset: the first dataset with the key decides, its qualified factor before its unqualified
        one (an activity-qualified value of one guideline's dataset never overrides another guideline's value)."""
        if not self.first_year <= year <= self.last_year:
            return None
        if self.overlay:
            own = self._overlay_factor(subject, param, gas, qualifier, year, regions)
            if own is not None:
                return own
        if qualified_within_dataset and qualifier:
            candidates = [f for qual in (qualifier, "") for f in self._index.get((subject, param, gas, qual), ())
                          if f.region in regions and f.dataset in datasets]
            if not candidates:
                return None
            return min(candidates, key=lambda f: (
                datasets.index(f.dataset), f.qualifier != qualifier, _years_off(f, year) > 0, regions.index(f.region),
                _years_off(f, year), -f.valid_from))
        for qual in ((qualifier, "") if qualifier else ("",)):
            candidates = [f for f in self._index.get((subject, param, gas, qual), ())
                          if f.region in regions and f.dataset in datasets]
            if candidates:
                return min(candidates, key=lambda f: (
                    datasets.index(f.dataset), _years_off(f, year) > 0, regions.index(f.region), _years_off(f, year),
                    -f.valid_from))
        return None

    def _overlay_factor(self, subject, param, gas, qualifier, year, regions) -> Factor | None:
        for qual in ((qualifier, "") if qualifier else ("",)):
            own = [f for f in self._index.get((subject, param, gas, qual), ())
                   if f.id in self.overlay and f.region in regions and self.is_valid(f, year)]
            if own:
                return min(own, key=lambda f: regions.index(f.region))
        return None

    @staticmethod
    def is_valid(factor: Factor, year: int) -> bool:
        """Whether ``year`` is within the years the factor's source covers."""
        return factor.valid_from <= year <= factor.valid_to

    def out_of_validity(self, factor_cols: dict[str, pd.Categorical], year: int, n: int) -> pd.Categorical:
        """Per line: the ids (comma separated) of the factors used outside the years their source covers, "" when
        every factor is within them. ``factor_cols`` maps a parameter to the ids of ``n`` lines (as Result lines)."""
        flagged = {name: [i for i in col.categories.tolist() if i in self.factors and not self.is_valid(self.factors[i], year)]
                   for name, col in factor_cols.items()}
        if not any(flagged.values()):
            return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), dtype=_NONE_FLAGGED, validate=False)
        # lines numbered by their combination of flagged ids, column by column: the labels are written once per
        # distinct combination, not per line
        codes, labels = np.zeros(n, dtype=np.int64), [""]
        for name, ids in flagged.items():
            if not ids:
                continue
            col, base = factor_cols[name], len(ids) + 1
            which = np.array([ids.index(c) + 1 if c in ids else 0 for c in col.categories.tolist()] + [0])
            codes, pairs = pd.factorize(codes * base + which[col.codes])  # code -1 (no factor): the last, 0
            labels = [_join(labels[p // base], ids[p % base - 1] if p % base else "") for p in pairs.tolist()]
        categories = sorted(set(labels))
        position = np.array([categories.index(label) for label in labels], dtype=np.int32)
        return pd.Categorical.from_codes(position[codes], categories)

    def gwp_value(self, gwp_set: str, gas: str) -> float:
        try:
            return self.gwp[gwp_set][gas][0]
        except KeyError:
            raise KeyError(f"GWP set {gwp_set} has no value for {gas}") from None


def _join(label: str, factor_id: str) -> str:
    return f"{label},{factor_id}" if label and factor_id else label or factor_id


def _read_csv(path: Path | resources.abc.Traversable) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = path.read_text("utf-8")
    numbered = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DataFileError(f"{path.name}: empty")
    reader = csv.DictReader([line for _, line in numbered])
    rows = [(numbered[i + 1][0], row) for i, row in enumerate(reader)]
    for lineno, row in rows:
        if None in row or None in row.values():
            raise DataFileError(f"{path.name} line {lineno}: wrong number of fields")
    return list(reader.fieldnames or []), rows


def _check_columns(path, header: list[str], expected: tuple[str, ...]) -> None:
    if tuple(header) != expected:
        raise DataFileError(f"{path.name}: columns must be {','.join(expected)} (found {','.join(header)})")


def _int_or(value: str, default: int) -> int:
    return int(value) if value.strip() else default


def load_factors(files, sources, regions) -> dict[str, Factor]:
    factors: dict[str, Factor] = {}
    for path in files:
        header, rows = _read_csv(path)
        _check_columns(path, header, FACTOR_COLUMNS)
        for lineno, row in rows:
            where = f"{path.name} line {lineno}"
            try:
                f = Factor(
                    **{k: row[k].strip() for k in FACTOR_COLUMNS if k not in ("valid_from", "valid_to", "value", "uncertainty_pct")},
                    valid_from=_int_or(row["valid_from"], 0), valid_to=_int_or(row["valid_to"], OPEN_END),
                    value=float(row["value"]), uncertainty_pct=float(row["uncertainty_pct"]), file=path.name,
                )
                units.parse(f.unit)
            except (ValueError, UnitError) as exc:
                raise DataFileError(f"{where}: {exc}") from exc
            problems = [
                (not f.id, "id is empty"), (f.id in factors, f"duplicate id {f.id}"),
                (not f.subject or not f.param, "subject and param are required"),
                (f.source not in sources, f"unknown source {f.source!r} (add it to sources.csv)"),
                (not f.table, "table (where in the source) is required"),
                (f.region not in regions, f"unknown region {f.region!r}"),
                (f.provenance not in PROVENANCE, f"provenance must be one of {PROVENANCE}"),
                (f.valid_from > f.valid_to, "valid_from is after valid_to"),
                (f.uncertainty_pct < 0, "uncertainty_pct must not be negative"),
            ]
            for bad, message in problems:
                if bad:
                    raise DataFileError(f"{where}: {message}")
            factors[f.id] = f
    _check_overlaps(factors.values())
    return factors


def _check_overlaps(factors) -> None:
    by_key: dict[tuple, list[Factor]] = {}
    for f in factors:
        by_key.setdefault((f.subject, f.param, f.gas, f.qualifier, f.region, f.dataset), []).append(f)
    for key, group in by_key.items():
        group.sort(key=lambda f: f.valid_from)
        for a, b in zip(group, group[1:], strict=False):
            if b.valid_from <= a.valid_to:
                raise DataFileError(
                    f"{b.file}: factors {a.id} and {b.id} overlap in validity for {'/'.join(filter(None, key))}"
                )


def load_activities(files, method_ids: set[str]) -> dict[str, Activity]:
    activities: dict[str, Activity] = {}
    for path in files:
        header, rows = _read_csv(path)
        _check_columns(path, header, ACTIVITY_COLUMNS)
        for lineno, row in rows:
            where = f"{path.name} line {lineno}"
            r = {k: v.strip() for k, v in row.items()}
            try:
                act = Activity(
                    code=r["code"], name_zh=r["name_zh"], name_en=r["name_en"], section=r["section"],
                    category=r["category"], method=r["method"], dimensions=tuple(r["units"].split("|")),
                    default_unit=r["default_unit"], fuel=r["fuel"], nonco2=r["nonco2"], sector=r["sector"],
                    scope=int(r["scope"]), biogenic=r["biogenic"] == "yes",
                    ad_uncertainty_pct=float(r["ad_uncertainty_pct"]),
                )
                default_dim = units.dimension_of(act.default_unit)
            except (ValueError, UnitError) as exc:
                raise DataFileError(f"{where}: {exc}") from exc
            problems = [
                (act.code in activities, f"duplicate activity {act.code}"),
                (act.section not in SECTIONS, f"section must be one of {SECTIONS}"),
                (act.method not in method_ids, f"unknown method {act.method!r}"),
                (act.sector not in SECTORS, f"sector must be one of {SECTORS}"),
                (act.scope not in (1, 2, 3), "scope must be 1, 2 or 3"),
                (default_dim not in act.dimensions, f"default unit {act.default_unit} is not a {act.dimensions} unit"),
                (not act.name_zh or not act.name_en, "names in Chinese and English are required"),
            ]
            for bad, message in problems:
                if bad:
                    raise DataFileError(f"{where}: {message}")
            activities[act.code] = act
    return activities


def load_gwp(path, sources) -> dict[str, dict[str, tuple[float, str, str]]]:
    header, rows = _read_csv(path)
    _check_columns(path, header, ("set", "gas", "value", "source", "table"))
    sets: dict[str, dict[str, tuple[float, str, str]]] = {}
    for lineno, row in rows:
        if row["source"] not in sources or not row["table"]:
            raise DataFileError(f"{path.name} line {lineno}: source and table are required")
        if row["gas"] in sets.setdefault(row["set"], {}):
            raise DataFileError(f"{path.name} line {lineno}: duplicate {row['set']} {row['gas']}")
        sets[row["set"]][row["gas"]] = (float(row["value"]), row["source"], row["table"])
    return sets


CHOICE_COLUMNS = ("id", "subject", "param", "used_value", "used_unit", "used_in", "used_ref", "other_value", "other_unit",
                  "other_source", "other_table", "reason")


def load_choices(path, sources, factors) -> tuple[dict[str, str], ...]:
    """Recorded choices between sources that disagree; a factor id in ``used_ref`` must exist and hold the value."""
    header, rows = _read_csv(path)
    _check_columns(path, header, CHOICE_COLUMNS)
    out = []
    for lineno, row in rows:
        where = f"{path.name} line {lineno}"
        if row["other_source"] not in sources or not row["other_table"].strip() or not row["reason"].strip():
            raise DataFileError(f"{where}: other_source (sources.csv), other_table and reason are required")
        try:
            used, other = float(row["used_value"]), float(row["other_value"])
            units.parse(row["used_unit"]), units.parse(row["other_unit"])
        except (ValueError, UnitError) as exc:
            raise DataFileError(f"{where}: {exc}") from None
        ref = factors.get(row["used_ref"])
        if ref is not None and (ref.subject, ref.param) != (row["subject"], row["param"]) or (
                ref is not None and abs(ref.value_in(row["used_unit"]) - used) > 1e-9 * abs(used)):
            raise DataFileError(f"{where}: factor {ref.id} is not {row['subject']} {row['param']} = {used}")
        if ref is None and not row["used_ref"].endswith(".csv"):
            raise DataFileError(f"{where}: used_ref must be a factor id or a data file")
        if used == other:
            raise DataFileError(f"{where}: the two values are the same: nothing to record")
        out.append(dict(row))
    return tuple(out)


def load_years(path, sources) -> tuple[int, int]:
    """(first_year, last_year) from years.csv, each with its source."""
    header, rows = _read_csv(path)
    _check_columns(path, header, ("key", "value", "source", "table", "note"))
    years = {}
    for lineno, row in rows:
        if row["source"] not in sources or not row["table"].strip():
            raise DataFileError(f"{path.name} line {lineno}: source and table are required")
        try:
            years[row["key"]] = int(row["value"])
        except ValueError:
            raise DataFileError(f"{path.name} line {lineno}: value must be a year") from None
    if set(years) != {"first_year", "last_year"} or years["first_year"] > years["last_year"]:
        raise DataFileError(f"{path.name}: first_year and last_year are required, first_year <= last_year")
    return years["first_year"], years["last_year"]


def load_library(data_dir: str | None = None, release: str | None = None) -> Library:
    """The factor library of a release (default: the newest, i.e. the installed data files), loaded and validated
    once per release. Every release listed in ``releases.yaml`` stays loadable (see :mod:`parkcarbon.engine.factor_releases`)."""
    from parkcarbon.engine.factor_releases import resolve_id

    return _load_release(data_dir, resolve_id(release, data_dir))


@cache
def _load_release(data_dir: str | None, release: str) -> Library:
    from parkcarbon.engine.factor_releases import release_root

    root = release_root(release, data_dir) if release else data_root(data_dir)
    return _load_dir(root, release)


def data_root(data_dir: str | None = None):
    return Path(data_dir) if data_dir else resources.files("parkcarbon.engine").joinpath("data")


LIBRARY_FILES = ("gwp.csv", "units.csv", "years.csv", "choices.csv")


def library_files(root) -> tuple[list, list, list]:
    """The files a library is read from, in a fixed order: factor files, activity files, the other tables."""
    factor_files = sorted((p for p in (root / "factors").iterdir() if p.name.endswith(".csv")), key=lambda p: p.name)
    activity_files = sorted((p for p in root.iterdir() if p.name.startswith("activities_")), key=lambda p: p.name)
    return factor_files, activity_files, [root / n for n in LIBRARY_FILES]


def _load_dir(root, release: str = "") -> Library:
    """Load and validate every data file of one directory (or a release's layered view of it)."""
    from parkcarbon.engine.methods import METHODS

    _, source_rows = _read_csv(root / "sources.csv")
    sources = {r["id"]: r for _, r in source_rows}
    _, region_rows = _read_csv(root / "regions.csv")
    regions = {r["code"]: r for _, r in region_rows}
    factor_files, activity_files, others = library_files(root)
    files = [*factor_files, *activity_files, *others]
    digest = hashlib.sha256()
    for p in files:
        digest.update(p.read_bytes())
    first_year, last_year = load_years(root / "years.csv", sources)
    factors = load_factors(factor_files, sources, regions)
    return Library(
        activities=load_activities(activity_files, set(METHODS)),
        factors=factors,
        choices=load_choices(root / "choices.csv", sources, factors),
        gwp=load_gwp(root / "gwp.csv", sources),
        sources=sources,
        regions=regions,
        version=digest.hexdigest()[:12],
        release=release,
        first_year=first_year,
        last_year=last_year,
    )
