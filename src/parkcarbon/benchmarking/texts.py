"""What each rule, level and metric is called and says, in the user's language (the rules themselves are pure)."""

from django.utils.translation import gettext_lazy as _

LEVELS = {
    "advanced": _("Advanced (level 1)"), "entry": _("Entry, new plants (level 2)"), "limit": _("Limit (level 3)"),
    "allowance": _("Carbon-market benchmark"), "reference": _("Reference"),
}
METRICS = {
    "energy": _("Energy per unit of product"), "electricity": _("Electricity per unit of product"),
    "co2": _("Emissions per unit of product"),
}
# Unit words of the library (data/products.csv, benchmarks.csv) that are not symbols: GB 21340's 重量箱.
UNIT_WORDS = {"weight case": _("weight case")}


def unit_label(unit: str) -> str:
    """A library unit in the reader's language ("kgce/weight case" -> "kgce/重量箱"); symbols stay as they are."""
    for word, label in UNIT_WORDS.items():
        unit = unit.replace(word, str(label))
    return unit


LIGHTS = {"green": _("Green"), "amber": _("Amber"), "red": _("Red"), "none": _("Not rated")}
RATING_RULE = _(
    "Rating rule: energy standards (GB limits): green at or below the advanced value (level 1), amber above it up "
    "to the limit value (level 3), red above the limit; whether the entry value for new plants (level 2) is met is "
    "shown beside it. Carbon-market benchmarks: green at or below the benchmark, red above it. Reference values are "
    "not rated. Without the product's output there is no rating.")
RULES = {
    "coal_to_gas": (_("Switch coal-fired boilers and furnaces to natural gas"),
                    _("Fires when the inventory burns coal: {coal_tce:,.0f} tce of coal = {heat_gj:,.0f} GJ emitted "
                      "{coal_co2:,.0f} t CO2; the same heat from {gas_10k_nm3:,.0f} × 10^4 Nm3 of gas emits "
                      "{gas_co2:,.0f} t. Extra fuel cost {extra_fuel_cost:,.0f} CNY a year.")),
    "heat_pumps": (_("Electrify low-temperature heat with heat pumps"),
                   _("Fires for food, textile, paper, chemical and pharmaceutical sites burning fuel: {share:.0%} of "
                     "the fuel ({fuel_gj:,.0f} GJ, {saved:,.0f} t CO2) gives {heat_gj:,.0f} GJ of heat; heat pumps "
                     "({kw:,.0f} kW) deliver it with {mwh:,.0f} MWh emitting {added:,.0f} t at {grid_factor:.4f} "
                     "t CO2/MWh. Annual cost {annual_cost:,.0f} CNY.")),
    "rooftop_pv": (_("Rooftop photovoltaics"),
                   _("Fires when a roof area is given: {roof_area_m2:,.0f} m² → {kwp:,.0f} kWp → {mwh:,.0f} MWh a year "
                     "(capped at the {grid_mwh:,.0f} MWh bought), replacing grid electricity at {grid_factor:.4f} "
                     "t CO2/MWh. Annual cost after electricity savings {annual_cost:,.0f} CNY.")),
    "waste_heat_power": (_("Waste-heat power generation on the clinker line"),
                         _("Fires for clinker output: {clinker_t:,.0f} t clinker → {mwh:,.0f} MWh ({kw:,.0f} kW) "
                           "replacing grid electricity at {grid_factor:.4f} t CO2/MWh. Annual cost after savings "
                           "{annual_cost:,.0f} CNY.")),
    "waste_heat_fuel": (_("Recover flue-gas heat of furnaces and kilns"),
                        _("Fires for fuel-fired furnaces and kilns (GB/T 4754 divisions 30-32): {share:.0%} of the "
                          "fuel's {fuel_co2:,.0f} t CO2 ({gj:,.0f} GJ). Annual cost after fuel savings "
                          "{annual_cost:,.0f} CNY.")),
    "green_electricity": (_("Buy green electricity"),
                          _("Fires when grid electricity is bought: {mwh:,.0f} MWh at {grid_factor:.4f} t CO2/MWh "
                            "(market-based scope 2); premium {premium_cost:,.0f} CNY a year.")),
    "motor_efficiency": (_("High-efficiency motors and variable-speed drives"),
                         _("Fires when grid electricity is bought: saves {mwh_saved:,.0f} MWh a year at "
                           "{grid_factor:.4f} t CO2/MWh. Annual cost after savings {annual_cost:,.0f} CNY.")),
    "benchmark_gap": (_("Close the gap to the advanced energy value"),
                      _("Fires when energy per unit of product is above the standard's advanced value: "
                        "{intensity:,.1f} against {advanced:,.1f} on {output:,.0f} units saves {saved_tce:,.0f} tce, "
                        "at the site's {co2e_per_tce:.2f} t CO2e per tce. Cost depends on the measures chosen.")),
    "carbon_market": (_("Carbon-market compliance position"),
                      _("Fires for carbon-market products above 26,000 t CO2e: allowance {allowance:,.0f} t against "
                        "{verified:,.0f} t emitted: balance {balance:,.0f} t. A deficit is covered by {ccer:,.0f} "
                        "CCERs (at most 5 % of emissions) and {bought:,.0f} allowances bought, about "
                        "{compliance_cost:,.0f} CNY; a surplus is worth about {surplus_value:,.0f} CNY.")),
}


def title(rule: str) -> str:
    return str(RULES[rule][0])


def explain(rec) -> str:
    return str(RULES[rec.rule][1]).format(**rec.numbers)
