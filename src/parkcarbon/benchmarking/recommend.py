"""Recommendation rules and the marginal abatement cost curve (pure Python, no Django).

Each rule reads an enterprise's inventory figures (``Site``), fires or not, and returns the numbers behind its
estimate: reduction (tCO2e a year) and cost per tonne (CNY/tCO2e, annualised capital at the discount rate plus the
change in running cost; negative = saves money). Parameters come from ``data/assumptions.csv`` (each cited or marked
as a planning figure). Pages translate the rule ids; this module only computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parkcarbon.benchmarking.library import Library

COAL = ("raw_coal", "anthracite", "bituminous_coal", "lignite", "washed_coal", "other_washed_coal", "briquette")
FUELS = (*COAL, "coke", "petroleum_coke", "fuel_oil", "natural_gas", "lng", "lpg", "diesel", "coke_oven_gas", "other_gas",
         "semi_coke", "semi_coke_gas", "producer_gas", "carbide_furnace_gas")
GRID = ("electricity_grid",)
KILN_DIVISIONS = ("30", "31", "32")  # non-metallic minerals, ferrous and non-ferrous smelting: hot flue gas
LOW_HEAT_DIVISIONS = ("13", "14", "15", "17", "22", "26", "27")  # food, drinks, textiles, paper, chemicals, medicines
BOILER_FUELS = (*COAL, "natural_gas", "lng", "lpg", "fuel_oil", "diesel")


@dataclass(frozen=True)
class Site:
    """One enterprise-year, every figure from its inventory: tce and tCO2e per activity, the stored total, roof area
    (m2, from its site facts) and product outputs."""

    industry_code: str
    year: int
    total_co2e: float
    activity_tce: dict[str, float]
    activity_co2e: dict[str, float]
    roof_area_m2: float | None = None
    outputs: dict[str, float] = field(default_factory=dict)

    def tce(self, activities) -> float:
        return sum(self.activity_tce.get(a, 0.0) for a in activities)

    def co2e(self, activities) -> float:
        return sum(self.activity_co2e.get(a, 0.0) for a in activities)


@dataclass
class Recommendation:
    rule: str
    reduction_t: float  # tCO2e a year
    cost_per_t: float | None  # CNY per tCO2e; None: not costed (kept off the curve)
    capex_cny: float = 0.0
    numbers: dict[str, float] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()
    enterprise: object = None  # set by the caller for the park curve


def crf(rate: float, years: float) -> float:
    """Capital recovery factor: the annual payment that repays 1 over ``years`` at ``rate``."""
    return rate / (1 - (1 + rate) ** -years) if rate else 1 / years


def grid_factor(site: Site, lib: Library) -> float | None:
    """tCO2/MWh of the site's own grid electricity line (the factor its inventory applied)."""
    mwh = site.tce(GRID) / lib.value("tce_per_mwh_electricity")
    return site.co2e(GRID) / mwh if mwh > 0 else None


def coal_to_gas(site: Site, lib: Library) -> Recommendation | None:
    """Replace coal firing by natural gas for the same heat input: CO2 falls to the gas factor per GJ."""
    coal_tce = site.tce(COAL)
    if coal_tce <= 0:
        return None
    gj = coal_tce * lib.value("gj_per_tce")
    coal_co2 = site.co2e(COAL)
    gas_co2 = gj * lib.value("gas_co2_per_gj")
    reduction = coal_co2 - gas_co2
    if reduction <= 0:
        return None
    extra_cost = gj * (lib.value("gas_price") - lib.value("coal_price"))
    return Recommendation("coal_to_gas", reduction, extra_cost / reduction, 0.0, {
        "coal_tce": coal_tce, "heat_gj": gj, "coal_co2": coal_co2, "gas_co2": gas_co2,
        "gas_10k_nm3": gj / lib.value("gas_ncv_gj_per_10k_nm3"), "extra_fuel_cost": extra_cost},
        ("gj_per_tce", "gas_co2_per_gj", "gas_ncv_gj_per_10k_nm3", "gas_price", "coal_price"))


def rooftop_pv(site: Site, lib: Library) -> Recommendation | None:
    """PV on the roof, all generation used on site (capped at the grid electricity bought)."""
    ef = grid_factor(site, lib)
    if not site.roof_area_m2 or ef is None:
        return None
    kwp = site.roof_area_m2 * lib.value("pv_kwp_per_m2")
    grid_mwh = site.tce(GRID) / lib.value("tce_per_mwh_electricity")
    mwh = min(kwp * lib.value("pv_yield") / 1000, grid_mwh)
    reduction = mwh * ef
    capex = kwp * lib.value("pv_capex")
    annual = capex * (crf(lib.value("discount_rate"), lib.value("pv_life")) + lib.value("pv_om_share")) \
        - mwh * lib.value("electricity_price")
    return Recommendation("rooftop_pv", reduction, annual / reduction, capex, {
        "roof_area_m2": site.roof_area_m2, "kwp": kwp, "mwh": mwh, "grid_mwh": grid_mwh, "grid_factor": ef,
        "annual_cost": annual}, ("pv_kwp_per_m2", "pv_yield", "pv_capex", "pv_life", "pv_om_share", "discount_rate",
                                 "electricity_price"))


def waste_heat(site: Site, lib: Library) -> Recommendation | None:
    """Clinker lines: waste-heat power from the kiln (kWh per t clinker) replaces grid electricity. Other furnaces and
    kilns (divisions 30-32): recovering flue-gas heat saves a share of the fuel."""
    clinker = site.outputs.get("cement_clinker")
    ef = grid_factor(site, lib)
    if clinker and ef is not None:
        mwh = clinker * lib.value("whr_kwh_per_t_clinker") / 1000
        kw = mwh * 1000 / lib.value("whr_hours")
        capex = kw * lib.value("whr_capex_per_kw")
        annual = capex * crf(lib.value("discount_rate"), lib.value("whr_life")) - mwh * lib.value("electricity_price")
        reduction = mwh * ef
        return Recommendation("waste_heat_power", reduction, annual / reduction, capex, {
            "clinker_t": clinker, "mwh": mwh, "kw": kw, "grid_factor": ef, "annual_cost": annual},
            ("whr_kwh_per_t_clinker", "whr_hours", "whr_capex_per_kw", "whr_life", "discount_rate", "electricity_price"))
    fuel_co2 = site.co2e(FUELS)
    if site.industry_code[:2] not in KILN_DIVISIONS or fuel_co2 <= 0:
        return None
    share = lib.value("whr_fuel_share")
    gj = site.tce(FUELS) * lib.value("gj_per_tce") * share
    capex = gj * lib.value("whr_capex_per_gj")
    fuel_price = lib.value("coal_price") if site.tce(COAL) >= site.tce(FUELS) / 2 else lib.value("gas_price")
    annual = capex * crf(lib.value("discount_rate"), lib.value("whr_life")) - gj * fuel_price
    reduction = fuel_co2 * share
    return Recommendation("waste_heat_fuel", reduction, annual / reduction, capex, {
        "fuel_co2": fuel_co2, "share": share, "gj": gj, "annual_cost": annual},
        ("whr_fuel_share", "whr_capex_per_gj", "whr_life", "discount_rate", "coal_price", "gas_price"))


def heat_pumps(site: Site, lib: Library) -> Recommendation | None:
    """Electrify the low-temperature share of boiler heat with heat pumps: the fuel's CO2 for that share is saved, the
    heat pumps' electricity (useful heat / COP) is bought at the site's grid factor. Fires only when that is a net
    reduction."""
    ef = grid_factor(site, lib)
    fuel_tce = site.tce(BOILER_FUELS)
    if site.industry_code[:2] not in LOW_HEAT_DIVISIONS or ef is None or fuel_tce <= 0:
        return None
    share = lib.value("heat_pump_share")
    fuel_gj = fuel_tce * lib.value("gj_per_tce") * share
    heat_gj = fuel_gj * lib.value("boiler_efficiency")
    mwh = heat_gj / lib.value("heat_pump_cop") / 3.6
    saved, added = site.co2e(BOILER_FUELS) * share, mwh * ef
    reduction = saved - added
    if reduction <= 0:
        return None
    kw = heat_gj * 1e6 / 3600 / lib.value("heat_pump_hours")
    capex = kw * lib.value("heat_pump_capex")
    fuel_price = lib.value("coal_price") if site.tce(COAL) >= fuel_tce / 2 else lib.value("gas_price")
    annual = capex * crf(lib.value("discount_rate"), lib.value("heat_pump_life")) + mwh * lib.value(
        "electricity_price") - fuel_gj * fuel_price
    return Recommendation("heat_pumps", reduction, annual / reduction, capex, {
        "share": share, "fuel_gj": fuel_gj, "heat_gj": heat_gj, "mwh": mwh, "saved": saved, "added": added,
        "grid_factor": ef, "kw": kw, "annual_cost": annual},
        ("heat_pump_share", "boiler_efficiency", "heat_pump_cop", "heat_pump_capex", "heat_pump_hours",
         "heat_pump_life", "discount_rate", "electricity_price", "coal_price", "gas_price"))


def green_electricity(site: Site, lib: Library) -> Recommendation | None:
    """Buy the grid electricity as green electricity (market-based scope 2 falls to zero for that share)."""
    ef = grid_factor(site, lib)
    if ef is None:
        return None
    mwh = site.tce(GRID) / lib.value("tce_per_mwh_electricity")
    reduction = mwh * ef
    return Recommendation("green_electricity", reduction, lib.value("green_premium") / ef, 0.0, {
        "mwh": mwh, "grid_factor": ef, "premium_cost": mwh * lib.value("green_premium")}, ("green_premium",))


def motor_efficiency(site: Site, lib: Library) -> Recommendation | None:
    """Replace inefficient motors and add variable-speed drives on the motor share of the electricity."""
    ef = grid_factor(site, lib)
    if ef is None:
        return None
    mwh = site.tce(GRID) / lib.value("tce_per_mwh_electricity") * lib.value("motor_share") * lib.value("motor_saving")
    saving = mwh * lib.value("electricity_price")
    capex = saving * lib.value("motor_payback")
    annual = capex * crf(lib.value("discount_rate"), lib.value("motor_life")) - saving
    reduction = mwh * ef
    return Recommendation("motor_efficiency", reduction, annual / reduction, capex, {
        "mwh_saved": mwh, "grid_factor": ef, "annual_cost": annual},
        ("motor_share", "motor_saving", "motor_payback", "motor_life", "discount_rate", "electricity_price"))


def benchmark_gap(site: Site, lib: Library, comparisons) -> Recommendation | None:
    """Energy intensity above the standard's advanced value: bringing it down to that value saves the difference,
    at the site's own CO2e per tce. Not costed (depends on the measures chosen)."""
    for c in comparisons:
        if c.metric == "energy" and c.intensity is not None and "advanced" in c.levels:
            target = c.levels["advanced"].value
            output = site.outputs.get(c.product)
            energy = site.tce(site.activity_tce)
            if c.intensity > target and output and energy > 0:
                saved_tce = (c.intensity - target) * output / 1000
                reduction = saved_tce * site.total_co2e / energy
                return Recommendation("benchmark_gap", reduction, None, 0.0, {
                    "intensity": c.intensity, "advanced": target, "output": output, "saved_tce": saved_tce,
                    "co2e_per_tce": site.total_co2e / energy})
    return None


def carbon_market(site: Site, lib: Library, comparisons) -> Recommendation | None:
    """Expected allowance position of a carbon-market enterprise: allowance = Σ benchmark × output (correction
    factors 1); for steel, cement and aluminium in 2024 the allocation equals verified emissions. A deficit is covered
    by CCERs up to 5 % of verified emissions and the rest by allowances bought."""
    sectors = {lib.products[p].ets_sector for p in site.outputs if p in lib.products and lib.products[p].ets_sector}
    if not sectors or site.total_co2e < lib.value("ets_threshold"):
        return None
    if sectors <= {"steel", "cement", "aluminium"} and site.year == 2024:
        allowance = site.total_co2e
    else:
        allowance = sum(c.levels["allowance"].value * site.outputs[c.product] for c in comparisons
                        if "allowance" in c.levels and site.outputs.get(c.product))
        if not allowance:
            return None
    balance = allowance - site.total_co2e
    deficit = max(-balance, 0.0)
    ccer = min(deficit, site.total_co2e * lib.value("ccer_cap"))
    bought = deficit - ccer
    cost = ccer * lib.value("ccer_price") + bought * lib.value("allowance_price")
    return Recommendation("carbon_market", 0.0, None, 0.0, {
        "allowance": allowance, "verified": site.total_co2e, "balance": balance, "ccer": ccer, "bought": bought,
        "compliance_cost": cost, "surplus_value": max(balance, 0.0) * lib.value("allowance_price")},
        ("ccer_cap", "ccer_price", "allowance_price", "ets_threshold"))


RULES = (coal_to_gas, heat_pumps, rooftop_pv, waste_heat, green_electricity, motor_efficiency)


def recommend(site: Site, lib: Library, comparisons=()) -> list[Recommendation]:
    """Every rule that fires, costed measures first from the cheapest tonne, then the uncosted ones by reduction."""
    found = [r for rule in RULES if (r := rule(site, lib)) is not None]
    found += [r for r in (benchmark_gap(site, lib, comparisons), carbon_market(site, lib, comparisons)) if r]
    return sorted(found, key=lambda r: (r.cost_per_t is None, r.cost_per_t or 0.0, -r.reduction_t))


@dataclass(frozen=True)
class Segment:
    label: str
    start_t: float  # cumulative reduction where the bar starts
    width_t: float
    cost_per_t: float


def macc(recommendations: list[Recommendation], label=lambda r: r.rule) -> list[Segment]:
    """Marginal abatement cost curve: costed measures with a reduction, cheapest first, bars laid side by side."""
    costed = sorted((r for r in recommendations if r.cost_per_t is not None and r.reduction_t > 0),
                    key=lambda r: (r.cost_per_t, -r.reduction_t))
    segments, x = [], 0.0
    for r in costed:
        segments.append(Segment(label(r), x, r.reduction_t, r.cost_per_t))
        x += r.reduction_t
    return segments
