"""N2O from nitrogen applied to flooded rice: the managed-soils equation with the flooded-rice direct factor EF1FR
(IPCC 2006 Vol.4 Ch.11 Table 11.1: 0.003; 2019 Refinement: 0.004). Rice CH4 by water regime is ``rice_ch4``."""

from __future__ import annotations

from parkcarbon.engine.methods.afolu import soil_n2o
from parkcarbon.engine.methods.base import Method, Param

SOIL = "=managed_soils"


def _p(name, unit, zh, en, subject="activity"):
    return Param(name, unit, subject=subject, label_zh=zh, label_en=en)


METHODS = (
    Method("rice_n2o", "N2O from nitrogen applied to flooded rice (direct EF1FR and indirect)",
           "稻田施氮N2O（淹水稻田直接排放因子EF1FR及间接排放）", "IPCC 2006 Vol.4 Ch.11 Eq 11.1, 11.9, 11.10, Tables 11.1, 11.3",
           {"mass": "t"},
           (_p("ef1", "tN2O-N/tN", "淹水稻田直接排放因子EF1FR", "EF1FR direct N2O of flooded rice", subject="=rice"),
            _p("frac_gas", "fraction", "挥发比例", "Fraction volatilised (Frac_GAS)"),
            _p("ef4", "tN2O-N/tN", "大气沉降排放因子EF4", "EF4 deposition N2O", subject=SOIL),
            _p("frac_leach", "fraction", "淋溶径流比例", "Fraction leached (Frac_LEACH)", subject=SOIL),
            _p("ef5", "tN2O-N/tN", "淋溶径流排放因子EF5", "EF5 leaching N2O", subject=SOIL)),
           soil_n2o),
)
