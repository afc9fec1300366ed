"""Source categories that the 2019 Refinement to the 2006 IPCC Guidelines adds or rewrites (issue 15), Tier 1.

Hydrogen production (Vol.3 Ch.3 s.3.11, Eq 3.44 / 3.45): CO2 = feedstock (GJ) x CCF x 44/12 (Tier 1c), or hydrogen
produced (t) x FRF x CCF x 44/12 (Tier 1b); CO2 recovered is its own line (deducted).

Abandoned underground coal mines (Vol.2 Ch.4 s.4.1.5, Eq 4.1.10): CH4 = mines closed in a time interval and remaining
unflooded x fraction that was gassy at closure x emission factor of the inventory year for that interval (Table
4.1.6, read per inventory year) x 0.67 Gg per 10^6 m3 (already applied in the library's tCH4/facility rows).

Domestic wastewater treatment plant N2O (Vol.5 Ch.6 Eq 6.9, 6.7 and 6.8 as updated by the Refinement): for the
nitrogen entering a plant (TN, t N), N2O = TN x EF_plant x 44/28 + TN x (1 - N_REM) x EF_effluent x 44/28, with
EF_plant and EF_effluent of Table 6.8A and N_REM of Table 6.10C; effluent N measured at discharge takes only the
second term (N_effluent x EF_effluent x 44/28).

Oil and natural gas systems (Vol.2 Ch.4 s.4.2, Eq 4.2.10-4.2.16, Tier 1 Tables 4.2.4A-4.2.4J): each segment's CH4,
CO2 and N2O = volume (oil produced, transported or refined, 10^3 m3; gas produced, processed or consumed, 10^6 m3) x
the segment's factors, which include venting, flaring and leaks. A segment without an N2O factor (NA) emits none.
Where the tables give factors per well (exploration, Tables 4.2.4 / 4.2.4F: per well drilled in the year or per well of
the total population; production per active well, 4.2.4A / 4.2.4G; abandoned wells, 4.2.4E, CH4 only) or per km of
pipeline (transmission 4.2.4I, distribution 4.2.4J), each gas = number of wells or km x that factor; a gas marked NA has
no factor and emits none.

Coal mining CO2 (Vol.2 Ch.4 s.4.1.3.2 Eq 4.1.3A underground, s.4.1.4.2 Eq 4.1.7A surface; new in 2019): CO2 = raw coal
produced (t) x CO2 emission factor (m3/t) x 1.84 x 10^-6 Gg/m3 (CO2 density at 20 C, 1 atm), the library's factor
rows carrying the product in kg CO2/t. The chapter gives no CO2 default for post-mining or abandoned mines.
"""

from __future__ import annotations

import numpy as np

from parkcarbon.engine.methods.base import C_TO_CO2, N2ON_TO_N2O, GasOutput, Method, MethodInput, Param

REFINEMENT = "2019 Refinement to the 2006 IPCC Guidelines"

FRF = Param("frf", "GJ/t", needed_for=("mass",), label_zh="单位制氢原料需求量",
            label_en="Feedstock requirement per tonne of hydrogen")
CCF = Param("ccf", "tC/GJ", label_zh="原料单位热值含碳量", label_en="Carbon content of the feedstock")
GASSY = Param("gassy_fraction", "fraction", upper=1.0, label_zh="关闭时属高瓦斯矿井的比例",
              label_en="Fraction of mines gassy at closure")
EF_MINE = Param("ef_ch4", "tCH4/facility", "CH4", label_zh="单个废弃矿井年CH4排放因子",
                label_en="CH4 emission factor per abandoned mine and year")
EF_PLANT = Param("ef_plant", "tN2O-N/tN", label_zh="污水处理厂N2O排放因子", label_en="Treatment plant N2O emission factor")
N_REM = Param("n_rem", "fraction", upper=1.0, label_zh="处理过程脱氮比例", label_en="Fraction of nitrogen removed in treatment")
OG_CH4 = Param("ef_ch4", "tCH4/10^3 m3", "CH4", label_zh="CH4排放因子", label_en="CH4 emission factor")
OG_CO2 = Param("ef_co2", "tCO2/10^3 m3", "CO2", label_zh="CO2排放因子", label_en="CO2 emission factor")
OG_N2O = Param("ef_n2o", "tN2O/10^3 m3", "N2O", required=False, label_zh="N2O排放因子", label_en="N2O emission factor")
COAL_CO2 = Param("ef_co2", "tCO2/t", "CO2", label_zh="单位原煤产量CO2排放因子", label_en="CO2 emission factor per tonne of raw coal")
WELL_CH4 = Param("ef_ch4", "tCH4/well", "CH4", label_zh="单井CH4排放因子", label_en="CH4 emission factor per well")
WELL_CO2 = Param("ef_co2", "tCO2/well", "CO2", required=False, label_zh="单井CO2排放因子", label_en="CO2 emission factor per well")
WELL_N2O = Param("ef_n2o", "tN2O/well", "N2O", required=False, label_zh="单井N2O排放因子", label_en="N2O emission factor per well")
KM_CH4 = Param("ef_ch4", "tCH4/km", "CH4", label_zh="单位管道长度CH4排放因子", label_en="CH4 emission factor per km of pipeline")
KM_CO2 = Param("ef_co2", "tCO2/km", "CO2", required=False, label_zh="单位管道长度CO2排放因子",
               label_en="CO2 emission factor per km of pipeline")
KM_N2O = Param("ef_n2o", "tN2O/km", "N2O", required=False, label_zh="单位管道长度N2O排放因子",
               label_en="N2O emission factor per km of pipeline")
EF_EFFLUENT = Param("ef_effluent", "tN2O-N/tN", label_zh="出水N2O排放因子", label_en="Effluent N2O emission factor")


def hydrogen_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Tier 1b (amount = hydrogen produced, t): HP x FRF x CCF x 44/12; Tier 1c (amount = feedstock, GJ): FC x CCF x
    44/12. The FRF has no value on a line given as heat, so such a line carries no FRF uncertainty."""
    feedstock_gj = m.amount * m.params["frf"]
    by_heat = np.asarray(m.dimension == "energy")
    feedstock_gj[by_heat] = m.amount[by_heat]
    return {"CO2": GasOutput(feedstock_gj * m.params["ccf"] * C_TO_CO2, ("frf", "ccf"))}


def abandoned_mine_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """Eq 4.1.10: abandoned mines remaining unflooded x gassy fraction x emission factor (t CH4 per mine and year)."""
    return {"CH4": GasOutput(m.amount * m.params["gassy_fraction"] * m.params["ef_ch4"], ("gassy_fraction", "ef_ch4"))}


def wastewater_plant_n2o(m: MethodInput) -> dict[str, GasOutput]:
    """Eq 6.9 + Eq 6.7 with Eq 6.8: TN x (EF_plant + (1 - N_REM) x EF_effluent) x 44/28."""
    p = m.params
    n2o_n = m.amount * (p["ef_plant"] + (1.0 - p["n_rem"]) * p["ef_effluent"])
    return {"N2O": GasOutput(n2o_n * N2ON_TO_N2O, ("ef_plant", "n_rem", "ef_effluent"))}


def effluent_n2o(m: MethodInput) -> dict[str, GasOutput]:
    """Eq 6.7: nitrogen in the effluent discharged (t N) x EF_effluent x 44/28."""
    return {"N2O": GasOutput(m.amount * m.params["ef_effluent"] * N2ON_TO_N2O, ("ef_effluent",))}


def oil_gas_segment(m: MethodInput) -> dict[str, GasOutput]:
    """Eq 4.2.10-4.2.16: each gas = activity (volume) x the segment's Tier 1 factor."""
    p = m.params
    return {"CH4": GasOutput(m.amount * p["ef_ch4"], ("ef_ch4",)), "CO2": GasOutput(m.amount * p["ef_co2"], ("ef_co2",)),
            "N2O": GasOutput(np.nan_to_num(m.amount * p["ef_n2o"]), ("ef_n2o",))}  # NA in the table: none


def oil_gas_count(m: MethodInput) -> dict[str, GasOutput]:
    """Wells or km of pipeline x the sub-segment's factor per well or per km, each gas; NA in the table: none."""
    p = m.params
    return {"CH4": GasOutput(m.amount * p["ef_ch4"], ("ef_ch4",)),
            "CO2": GasOutput(np.nan_to_num(m.amount * p["ef_co2"]), ("ef_co2",)),
            "N2O": GasOutput(np.nan_to_num(m.amount * p["ef_n2o"]), ("ef_n2o",))}


def coal_mining_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Eq 4.1.3A / 4.1.7A: raw coal produced (t) x CO2 factor (t CO2/t = m3/t x CO2 density)."""
    return {"CO2": GasOutput(m.amount * m.params["ef_co2"], ("ef_co2",))}


METHODS = (
    Method("hydrogen_production", "Hydrogen production: H2 x FRF x CCF x 44/12 (or feedstock GJ x CCF x 44/12)",
           "制氢（氢气产量×单位原料需求量×含碳量×44/12，或原料热量×含碳量×44/12）",
           REFINEMENT + " Vol.3 Ch.3 s.3.11 Eq 3.44/3.45, Table 3.30", {"mass": "t", "energy": "GJ"}, (FRF, CCF),
           hydrogen_co2, linear=True),
    Method("abandoned_mine_ch4", "Abandoned underground coal mines: mines x gassy fraction x EF of the year",
           "废弃井工煤矿CH4（矿井数×高瓦斯矿井比例×当年排放因子）", REFINEMENT + " Vol.2 Ch.4 s.4.1.5 Eq 4.1.10, Tables 4.1.5/4.1.6",
           {"count": "facility"}, (GASSY, EF_MINE), abandoned_mine_ch4, linear=True),
    Method("wastewater_plant_n2o", "Wastewater treatment plant and effluent N2O: TN x (EF_plant + (1 - N_REM) x EF_effluent) x 44/28",
           "污水处理厂及出水N2O（进水总氮×(处理厂排放因子+(1-脱氮比例)×出水排放因子)×44/28）",
           REFINEMENT + " Vol.5 Ch.6 Eq 6.9, 6.7, 6.8, Tables 6.8A/6.10C", {"mass": "t"}, (EF_PLANT, N_REM, EF_EFFLUENT),
           wastewater_plant_n2o, linear=True),
    Method("effluent_n2o", "N2O from nitrogen in the effluent discharged: N x EF_effluent x 44/28",
           "出水排放N2O（出水总氮×出水排放因子×44/28）", REFINEMENT + " Vol.5 Ch.6 Eq 6.7, Table 6.8A", {"mass": "t"},
           (EF_EFFLUENT,), effluent_n2o, linear=True),
    Method("oil_gas_segment", "Oil and gas systems Tier 1: volume x segment factors (CH4, CO2, N2O)",
           "油气系统方法1（产量/输送量/处理量×环节排放因子，CH4、CO2、N2O）", REFINEMENT + " Vol.2 Ch.4 s.4.2 Eq 4.2.10-4.2.16, "
           "Tables 4.2.4A-4.2.4J", {"volume": "10^3 m3"}, (OG_CH4, OG_CO2, OG_N2O), oil_gas_segment, linear=True),
    Method("coal_mining_co2", "Coal mining CO2 Tier 1: raw coal produced x CO2 factor (m3/t x density)",
           "煤炭开采CO2逃逸方法1（原煤产量×CO2排放因子）", REFINEMENT + " Vol.2 Ch.4 s.4.1.3.2 Eq 4.1.3A, s.4.1.4.2 Eq 4.1.7A",
           {"mass": "t"}, (COAL_CO2,), coal_mining_co2, linear=True),
    Method("oil_gas_per_well", "Oil and gas systems Tier 1: wells x factor per well (CH4, CO2, N2O)",
           "油气系统方法1（井数×单井排放因子，CH4、CO2、N2O）", REFINEMENT + " Vol.2 Ch.4 s.4.2, Tables 4.2.4, 4.2.4A, 4.2.4E, "
           "4.2.4F, 4.2.4G", {"count": "well"}, (WELL_CH4, WELL_CO2, WELL_N2O), oil_gas_count, linear=True),
    Method("oil_gas_per_km", "Oil and gas systems Tier 1: km of pipeline x factor per km (CH4, CO2, N2O)",
           "油气系统方法1（管道长度×单位长度排放因子，CH4、CO2、N2O）", REFINEMENT + " Vol.2 Ch.4 s.4.2, Tables 4.2.4I, 4.2.4J",
           {"length": "km"}, (KM_CH4, KM_CO2, KM_N2O), oil_gas_count, linear=True),
)
