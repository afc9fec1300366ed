"""Purchased electricity with factors other than the grid average: a supplier's own factor with its evidence, the
MEE national factor excluding market-traded non-fossil power (market-based scope 2 beside green certificates), and
the MEE fossil-power factor for emissions avoided by renewable electricity (a memo, never in the totals).

Location-based results always use the inventory's grid factor (``ef_grid``, engine/methods/energy.py); the market-based
result (``market:CO2``) uses the instrument's factor (GHG Protocol Scope 2 Guidance 2015, ch.6 and Table 6.3).
"""

from __future__ import annotations

import numpy as np

from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.methods.base import GasOutput, Method, MethodInput, Param
from parkcarbon.engine.methods.energy import GRID

MWH = {"energy": "MWh"}
EVIDENCE_FIELD = "evidence"


def _blank(m: MethodInput, name: str) -> np.ndarray:
    if name not in m.rows:
        return np.ones(len(m.amount), dtype=bool)
    raw = m.rows[name]
    return (raw.isna() | (raw.astype(str).str.strip() == "")).to_numpy()


def supplier_electricity(m: MethodInput) -> dict[str, GasOutput]:
    """Electricity under a contract with a supplier-specific emission factor: location-based AD x EF_grid,
    market-based AD x EF_supplier. The factor needs its evidence (row field ``evidence``: the contract, the
    supplier's disclosure or certificate reference): without it the line is refused."""
    missing = _blank(m, EVIDENCE_FIELD)
    if missing.any():
        raise InputError([Problem(str(r), EVIDENCE_FIELD, "a supplier-specific emission factor needs its evidence: name "
                                  "the contract, the supplier's disclosure or the certificate in column evidence",
                                  message_zh="供应商排放因子须提供证明：请在 evidence 列填写合同、供应商披露文件或证书编号")
                          for r in m.rows["row_id"].to_numpy()[missing]])
    p = m.params
    return {"CO2": GasOutput(m.amount * p["ef_grid"], ("ef_grid",)),
            "market:CO2": GasOutput(m.amount * p["ef_supplier"], ("ef_supplier",))}


def residual_electricity(m: MethodInput) -> dict[str, GasOutput]:
    """Grid electricity not covered by green certificates or green-power trading: location-based AD x EF_grid,
    market-based AD x the MEE/NBS national factor excluding market-traded non-fossil power (the green power is
    reported on its own line, ``electricity_green_separate``, so it is not counted twice)."""
    p = m.params
    return {"CO2": GasOutput(m.amount * p["ef_grid"], ("ef_grid",)),
            "market:CO2": GasOutput(m.amount * p["ef_residual"], ("ef_residual",))}


def green_separate(m: MethodInput) -> dict[str, GasOutput]:
    """Green electricity with certificates or from green-power trading, reported beside the residual grid line:
    location-based AD x EF_grid (it came through the grid), market-based zero."""
    return {"CO2": GasOutput(m.amount * m.params["ef_grid"], ("ef_grid",)),
            "market:CO2": GasOutput(np.zeros_like(m.amount), ())}


def avoided_electricity(m: MethodInput) -> dict[str, GasOutput]:
    """Renewable electricity generated on site and used or exported: the emissions it avoids, AD x the MEE/NBS
    fossil-power factor, as the memo column ``avoided_CO2`` (the factor MEE publishes for emission reductions). No
    gas is emitted; the inventory total is unchanged."""
    return {"memo:avoided_CO2": GasOutput(m.amount * m.params["ef_fossil"], ("ef_fossil",))}


EF_RESIDUAL = Param("ef_residual", "tCO2/MWh", "CO2", subject="=electricity_grid", overridable=False,
                    label_zh="全国电力排放因子（不含市场化交易非化石电量）",
                    label_en="National factor excluding market-traded non-fossil power")
EF_FOSSIL = Param("ef_fossil", "tCO2/MWh", "CO2", subject="=electricity_grid", overridable=False,
                  label_zh="全国化石能源电力排放因子", label_en="National fossil-power emission factor")
SOURCE = "GHG Protocol Scope 2 Guidance (2015) ch.6; MEE/NBS electricity CO2 emission factors (2024, 2025)"

METHODS = (
    Method("supplier_electricity", "Electricity with a supplier-specific factor (market-based, with evidence)",
           "外购电力（供应商排放因子，市场法，须附证明）", SOURCE, MWH,
           (GRID, Param("ef_supplier", "tCO2/MWh", "CO2", subject="=electricity_supplier", label_zh="供应商排放因子",
                        label_en="Supplier-specific emission factor")),
           supplier_electricity, row_fields=("row_id", EVIDENCE_FIELD)),
    Method("residual_electricity", "Grid electricity without green certificates (market-based residual factor)",
           "外购电网电力（不含绿证/绿电部分，市场法剩余因子）", SOURCE, MWH, (GRID, EF_RESIDUAL), residual_electricity),
    Method("green_separate", "Green electricity reported beside the residual grid line", "绿色电力（与剩余电网电量分列）",
           SOURCE, MWH, (GRID,), green_separate),
    Method("avoided_electricity", "Emissions avoided by renewable electricity (memo, fossil-power factor)",
           "可再生电力避免的排放（备忘项，化石能源电力因子）", SOURCE, MWH, (EF_FOSSIL,), avoided_electricity),
)
