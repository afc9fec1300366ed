"""What a calculation method is: the parameters it needs and a vectorised function over rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

C_TO_CO2 = 44.0 / 12.0  # molar mass ratio CO2/C (IPCC 2006 Vol.2 Ch.1 Eq 1.1 and every China guideline)
N2ON_TO_N2O = 44.0 / 28.0  # N2O-N to N2O (IPCC 2006 Vol.4 Ch.11 Eq 11.1)
CH4C_TO_CH4 = 16.0 / 12.0  # CH4-C to CH4 (IPCC 2006 Vol.5 Ch.3 Eq 3.3)


@dataclass(frozen=True)
class Param:
    """A parameter the method needs for each row.

    The default comes from the factor library under key (subject, name, gas, qualifier): ``subject`` names the
    activity-catalogue field giving the lookup subject ("activity", "fuel" or "nonco2") or, after "=", the subject
    itself (``"=heat_purchased"``); ``qualifier`` is "sector" (the row's sector), is "activity" (within a dataset, a
    factor qualified by the activity's code comes before the subject's unqualified one: EF1 of managed soils per kind
    of N input, 2019 Refinement Table 11.1), names another input column (``"equipment"``: within a dataset, a factor
    qualified by the row's value comes before the unqualified one: coal's oxidation rate per combustion equipment,
    NDRC 2013 cement and flat glass guidelines Table 2.3; an optional field of the line, see engine/equipment.py) or
    is empty. A user may override it per row with measured values (tier 2) in a
    column of the same name plus ``<name>_unit``, unless ``overridable`` is False. ``required=False`` lets a row
    without any value count as zero for the gases this parameter feeds (e.g. no CH4 factor for an exotic fuel).
    ``grid=True`` resolves with the inventory's grid-factor basis instead of the general datasets.
    A unit containing ``{amount}`` is per unit of activity: ``GJ/{amount}`` becomes ``GJ/t`` for a fuel measured by
    mass and ``GJ/10^4 Nm3`` for one measured by volume (the method's unit for that quantity). ``needed_for``
    limits the parameter to amounts of those quantities (an amount given as heat needs no NCV).
    """

    name: str
    unit: str
    gas: str = ""
    subject: str = "activity"
    qualifier: str = ""
    required: bool = True
    overridable: bool = True
    grid: bool = False
    needed_for: tuple[str, ...] | None = None
    label_zh: str = ""
    label_en: str = ""
    upper: float | None = None  # a share: a measured value must lie in [0, upper] (else the row is refused)
    lower: float | None = None  # a measured value (in ``unit``) below this is refused: steam below feed water's enthalpy


@dataclass
class MethodInput:
    """Columns handed to a method: amounts in the method's unit for the row's quantity, resolved parameters."""

    amount: np.ndarray
    dimension: pd.Categorical  # per-row quantity name of the amount: "mass", "energy", ... (compare with ==)
    params: dict[str, np.ndarray]
    rows: pd.DataFrame | None  # the input rows' ``row_fields`` (None for a method that reads none)
    year: int


@dataclass(frozen=True)
class GasOutput:
    """Emissions of one gas in tonnes per row, and the parameters whose uncertainty it carries."""

    tonnes: np.ndarray
    params: tuple[str, ...] = ()


@dataclass(frozen=True)
class Method:
    """A published calculation method. ``compute`` returns {gas: GasOutput}; a key "market:CO2" gives the
    market-based scope-2 CO2 where it differs from the location-based result."""

    id: str
    title_en: str
    title_zh: str
    reference: str
    units: dict[str, str]  # quantity -> unit the amount is converted to before compute
    params: tuple[Param, ...]
    compute: Callable[[MethodInput], dict[str, GasOutput]]
    row_fields: tuple[str, ...] = field(default=())  # extra numeric input columns the method reads
    allow_negative: bool = False
    # every output is the amount times a function of the parameters (no threshold, no term without the amount): with
    # library defaults only, the engine computes the method once per distinct key for one unit, times each amount
    linear: bool = False

    @property
    def input_fields(self) -> tuple[str, ...]:
        """The input columns a line of this method may carry besides amount and the base columns: ``row_fields``
        (read by ``compute``) and the columns that qualify a parameter's default (``Param.qualifier`` naming a
        column, e.g. ``equipment``), each once."""
        quals = (p.qualifier for p in self.params if p.qualifier and p.qualifier not in QUALIFIER_KEYWORDS)
        return tuple(dict.fromkeys((*self.row_fields, *quals)))


QUALIFIER_KEYWORDS = ("sector", "activity")  # Param.qualifier values that are not input columns
