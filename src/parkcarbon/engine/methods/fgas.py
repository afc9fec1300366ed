"""Fluorinated gases in equipment: screening of refrigeration and air-conditioning leaks from the charge, and the
mass balance of SF6 / PFCs in electrical equipment with the nameplate capacity of new and retired equipment.

Refrigerant compositions (mass fractions of each gas in a blend) are data: ``data/refrigerants.csv``.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import numpy as np

from parkcarbon.engine.errors import DataFileError, InputError, Problem
from parkcarbon.engine.methods.base import GasOutput, Method, MethodInput, Param
from parkcarbon.engine.methods.ippu import (
    ID_FIELDS,
    MASS,
    check_not_negative,
    row_numbers,
    same_unit_as_amount,
)

REFRIGERANT_GASES = ("HFC-23", "HFC-32", "HFC-125", "HFC-134a", "HFC-143a", "HFC-152a", "HFC-227ea", "HFC-245fa")


@cache
def refrigerants() -> dict[int, dict[str, float]]:
    """ASHRAE number -> {gas: mass fraction} from data/refrigerants.csv (validated: fractions sum to 1, cited)."""
    from parkcarbon.engine.library import load_library

    text = resources.files("parkcarbon.engine").joinpath("data/refrigerants.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
    sources = load_library().sources
    out: dict[int, dict[str, float]] = {}
    for row in rows:
        where = f"refrigerants.csv, refrigerant {row['number']}"
        if row["source"] not in sources or not row["table"]:
            raise DataFileError(f"{where}: source (sources.csv) and table are required")
        mix = {g: float(row[g]) for g in REFRIGERANT_GASES if row[g].strip()}
        if abs(sum(mix.values()) - 1) > 1e-6:
            raise DataFileError(f"{where}: mass fractions must add up to 1")
        out[int(row["number"])] = mix
    return out


def refrigerant_screening(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.3 Ch.7 s.7.5 (Tier 1 screening by application): emission of each gas = charge of the
    equipment in operation (amount) x annual leak rate (Table 7.9) x the gas's mass fraction in the refrigerant
    (row field ``refrigerant``: the ASHRAE number, e.g. 410 for R-410A, 134 for R-134a)."""
    number = row_numbers(m, "refrigerant", required=False)  # blank and unknown are reported together below
    known = refrigerants()
    unknown = ~np.isin(number, list(known))
    if unknown.any():
        names = ", ".join(str(n) for n in known)
        raise InputError([Problem(str(r), "refrigerant", f"give the refrigerant's ASHRAE number (e.g. 410 for R-410A, "
                                  f"134 for R-134a), one of {names}",
                                  message_zh=f"请填写制冷剂的 ASHRAE 编号（如 R-410A 填 410，R-134a 填 134），可选 {names}")
                          for r in m.rows["row_id"].to_numpy()[unknown]])
    leaked = m.amount * m.params["leak_rate"]
    out = {}
    for gas in REFRIGERANT_GASES:
        share = np.array([known[int(n)].get(gas, 0.0) for n in number]) if len(number) else np.zeros(0)
        if share.any():
            out[gas] = GasOutput(leaked * share, ("leak_rate",))
    return out


def _nameplate_balance(gas: str):
    def compute(m: MethodInput) -> dict[str, GasOutput]:
        """IPCC 2006 Vol.3 Ch.8 s.8.2 (Tier 3 utility-level mass-balance approach): emission = decrease in the gas held in
        stock (inventory_start - inventory_end) + acquisitions (amount) - disposals (``disposed``: returned to
        suppliers, sent for recycling or destruction) - increase in the nameplate capacity of the equipment
        (``nameplate_new`` of equipment installed - ``nameplate_retired`` of equipment retired). Row fields in the
        unit of the amount."""
        field = {name: row_numbers(m, name, required=False, default=0.0)
                 for name in ("inventory_start", "inventory_end", "disposed", "nameplate_new", "nameplate_retired")}
        net = (field["inventory_start"] - field["inventory_end"] - field["disposed"] - field["nameplate_new"]
               + field["nameplate_retired"])
        out = m.amount + same_unit_as_amount(m, net, "t")
        check_not_negative(m, out, "nameplate_new", f"the {gas} balance is negative: check the stock, disposals and "
                           "nameplate capacities (the gas put into new equipment comes from the acquisitions or stock)")
        return {gas: GasOutput(out, ())}

    return compute


NAMEPLATE_GASES = ("SF6", "CF4", "C2F6")
NAMEPLATE_FIELDS = (*ID_FIELDS, "inventory_start", "inventory_end", "disposed", "nameplate_new", "nameplate_retired")

METHODS = (
    Method("refrigerant_screening", "Refrigeration and air conditioning: charge x leak rate (screening)",
           "制冷和空调设备：充注量×泄漏率（筛查法）", "IPCC 2006 Vol.3 Ch.7 s.7.5, Table 7.9", MASS,
           (Param("leak_rate", "fraction", label_zh="年泄漏率", label_en="Annual leak rate (share of the charge)"),),
           refrigerant_screening, row_fields=(*ID_FIELDS, "refrigerant")),
    *(Method(f"nameplate_balance_{g.lower()}", f"{g} in electrical equipment: mass balance with nameplate capacity",
             f"电气设备{g}：含铭牌容量的物料平衡", "IPCC 2006 Vol.3 Ch.8 s.8.2 (Tier 3 mass balance)", MASS, (), _nameplate_balance(g),
             row_fields=NAMEPLATE_FIELDS)
      for g in NAMEPLATE_GASES),
)
