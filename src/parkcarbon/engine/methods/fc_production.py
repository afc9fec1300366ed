"""Fugitive and by-product emissions from producing fluorinated compounds (HFCs, PFCs, SF6, NF3): IPCC 2006 Vol.3
Ch.3 s.3.10.2, Tier 1 (Eq 3.41, p. 3.103): emission of the product = production x default factor (printed in the text
of s.3.10.2.2, p. 3.104: 0.5 % for HFCs and PFCs, SF6 0.2 %, highly purified SF6 8 %; Table 3.28 is the HFC-23 table),
less what is captured and destroyed (the same page: adjust for the destruction in an oxidiser). HFC-23 from HCFC-22
production is the separate method ``hcfc22``. One method per product gas
because a method returns fixed gases; the factor is keyed by activity code (factors/ippu.csv)."""

from __future__ import annotations

from parkcarbon.engine.methods.base import GasOutput, Method, MethodInput, Param
from parkcarbon.engine.methods.ippu import ID_FIELDS, check_not_negative, row_numbers, same_unit_as_amount

MASS = {"mass": "t"}
PRODUCTS = {"hfc32": "HFC-32", "hfc125": "HFC-125", "hfc134a": "HFC-134a", "hfc143a": "HFC-143a",
            "hfc152a": "HFC-152a", "hfc227ea": "HFC-227ea", "hfc245fa": "HFC-245fa", "cf4": "CF4", "c2f6": "C2F6",
            "sf6": "SF6"}


def _production_leak(gas: str):
    def compute(m: MethodInput) -> dict[str, GasOutput]:
        """E = P x EF_fugitive - destroyed (row field ``destroyed``, in the unit of the amount; IPCC 2006 Vol.3
        Eq 3.41, less the gas destroyed as s.3.10.2.2 says, p. 3.104)."""
        destroyed = same_unit_as_amount(m, row_numbers(m, "destroyed", required=False, default=0.0), "t")
        out = m.amount * m.params["ef_fugitive"] - destroyed
        check_not_negative(m, out, "destroyed", f"more {gas} destroyed than the production leaks")
        return {gas: GasOutput(out, ("ef_fugitive",))}

    return compute


METHODS = tuple(
    Method(f"fc_production_{key}", f"{gas} production: fugitive emissions (IPCC Tier 1)",
           f"{gas}生产过程逃逸排放（IPCC方法1）", "IPCC 2006 Vol.3 Ch.3 s.3.10.2.2 Eq 3.41, defaults in the text (p. 3.104)",
           MASS,
           (Param("ef_fugitive", "fraction", label_zh="逃逸排放因子（排放量/产量）",
                  label_en="Fugitive emission factor (emitted / produced)", upper=1),),
           _production_leak(gas), row_fields=(*ID_FIELDS, "destroyed"))
    for key, gas in PRODUCTS.items()
)
