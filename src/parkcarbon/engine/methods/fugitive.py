"""Fugitive emissions and flaring at coal mines (China coal production enterprise guideline, NDRC 2014; IPCC 2006
Vol.2 Ch.4), and vented / fugitive CH4 of oil and gas facilities by count (China oil and gas guideline, NDRC 2014).

Two kinds of line: a default factor per tonne of raw coal (surface mining, post-mining), and a gas volume measured at
the mine (CH4 and CO2 in the ventilation air and the drained gas, 10^4 Nm3), converted to tonnes with the gas
density at standard conditions (0 °C, 101.325 kPa); a volume at another condition comes with its own density. CH4 the mine recovers for use or destroys in a flare is
its own row, deducted; the CO2 of the gas burnt in flares is the flaring line: gas flared x the carbon of its
non-CO2 carbon compounds (from the measured composition: sum of 12 x carbon atoms x volume share / 22.4 x 10,
t C per 10^4 Nm3) x oxidation rate x 44/12.

Oil and gas production adds the CH4 a flare leaves unburnt (CH4 in the flared gas x (1 - oxidation rate) x density)
and gas processing's venting and fugitive CH4 per volume of natural gas processed (10^8 Nm3 x factor).
"""

from __future__ import annotations

from parkcarbon.engine.methods.base import C_TO_CO2, GasOutput, Method, MethodInput, Param

MASS = {"mass": "t"}
COUNT = {"count": "facility"}
VOLUME = {"volume": "10^4 Nm3"}
THROUGHPUT = {"volume": "10^8 Nm3"}

EF_CH4 = Param("ef_ch4", "tCH4/t", "CH4", label_zh="CH4排放因子", label_en="CH4 emission factor")
EF_CH4_FACILITY = Param("ef_ch4", "tCH4/facility", "CH4", label_zh="单个设施年CH4排放因子",
                        label_en="CH4 emission factor per facility and year")
EF_CH4_THROUGHPUT = Param("ef_ch4", "tCH4/10^8 Nm3", "CH4", label_zh="单位天然气处理量CH4排放因子",
                          label_en="CH4 emission factor per volume of gas processed")
CH4_DENSITY = Param("density", "t/10^4 Nm3", subject="=methane", label_zh="CH4密度", label_en="CH4 density")
CO2_DENSITY = Param("density", "t/10^4 Nm3", subject="=carbon_dioxide", label_zh="CO2密度", label_en="CO2 density")
FLARE_CARBON = Param("flare_carbon", "tC/10^4 Nm3", label_zh="火炬气（除CO2外）含碳量",
                     label_en="Carbon in the flared gas's non-CO2 compounds")
FLARE_OF = Param("of", "fraction", label_zh="火炬燃烧碳氧化率", label_en="Carbon oxidation rate of the flare")


def fugitive_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 = activity x EF: raw coal produced (surface mining, post-mining) or crude oil transported (t); oil and gas
    facilities in operation for the year (count) x their venting or fugitive factor per facility and year."""
    return {"CH4": GasOutput(m.amount * m.params["ef_ch4"], ("ef_ch4",))}


def measured_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 = volume of pure CH4 measured (ventilation air or drained gas, 10^4 Nm3) x density."""
    return {"CH4": GasOutput(m.amount * m.params["density"], ("density",))}


def measured_ch4_deduction(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 recovered for use or destroyed in a flare (10^4 Nm3 of pure CH4), deducted: -volume x density."""
    return {"CH4": GasOutput(-m.amount * m.params["density"], ("density",))}


def measured_co2(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = volume of CO2 measured in the mine's exhaust air (10^4 Nm3) x density."""
    return {"CO2": GasOutput(m.amount * m.params["density"], ("density",))}


def flare_co2(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = gas flared (10^4 Nm3) x carbon of its non-CO2 carbon compounds (t C/10^4 Nm3) x oxidation rate x 44/12."""
    return {"CO2": GasOutput(m.amount * m.params["flare_carbon"] * m.params["of"] * C_TO_CO2, ("flare_carbon", "of"))}


def flare_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 left unburnt by a flare = CH4 in the gas flared (gas flared x CH4 volume share, 10^4 Nm3) x (1 - oxidation
    rate) x density."""
    return {"CH4": GasOutput(m.amount * (1.0 - m.params["of"]) * m.params["density"], ("of", "density"))}


REFERENCE = "中国煤炭生产企业温室气体排放核算方法与报告指南（试行）(2014); IPCC 2006 Vol.2 Ch.4 s.4.1"
METHODS = (
    Method("fugitive_ch4", "Fugitive CH4: amount x emission factor", "逃逸CH4（活动水平×排放因子）",
           REFERENCE + "; 中国石油天然气生产企业温室气体排放核算方法与报告指南（试行）(2014)", MASS, (EF_CH4,), fugitive_ch4),
    Method("facility_ch4", "Vented or fugitive CH4: facilities x factor per facility and year",
           "工艺放空/逃逸CH4（设施数量×单个设施排放因子）", "中国石油天然气生产企业温室气体排放核算方法与报告指南（试行）(2014)", COUNT,
           (EF_CH4_FACILITY,), fugitive_ch4),
    Method("measured_ch4", "Fugitive CH4 measured by volume", "实测CH4逃逸量（体积×密度）", REFERENCE, VOLUME,
           (CH4_DENSITY,), measured_ch4),
    Method("measured_ch4_deduction", "CH4 recovered or flared (deducted)", "CH4回收利用和火炬销毁量（扣减）", REFERENCE, VOLUME,
           (CH4_DENSITY,), measured_ch4_deduction),
    Method("measured_co2", "Fugitive CO2 measured by volume", "实测CO2逃逸量（体积×密度）", REFERENCE, VOLUME,
           (CO2_DENSITY,), measured_co2),
    Method("flare_co2", "Flaring: gas flared x carbon content x oxidation x 44/12", "火炬燃烧CO2（燃烧量×含碳量×碳氧化率×44/12）",
           REFERENCE, VOLUME, (FLARE_CARBON, FLARE_OF), flare_co2),
    Method("flare_ch4", "Flaring: CH4 not burnt (CH4 in the gas flared x (1 - oxidation) x density)",
           "火炬燃烧未燃尽CH4（火炬气中CH4量×(1-碳氧化率)×密度）", "中国石油天然气生产企业温室气体排放核算方法与报告指南（试行）(2014)",
           VOLUME, (FLARE_OF, CH4_DENSITY), flare_ch4),
    Method("gas_throughput_ch4", "Vented or fugitive CH4: natural gas processed x factor per volume",
           "工艺放空/逃逸CH4（天然气处理量×排放因子）", "中国石油天然气生产企业温室气体排放核算方法与报告指南（试行）(2014)",
           THROUGHPUT, (EF_CH4_THROUGHPUT,), fugitive_ch4),
)
