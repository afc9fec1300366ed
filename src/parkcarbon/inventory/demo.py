"""Three years of realistic activity data for every demo enterprise and for the demo park's own sources.

Amounts follow each enterprise's industry (GB/T 4754-2017 division) with a seasonal profile and a fixed random
seed, so running the loader twice gives the same data. Enterprises buy part of their electricity and heat from
the park's own power plant (``electricity_in_park`` / ``heat_in_park``), which exercises the park's rule against
double counting.
"""

from __future__ import annotations

import math
import random

from django.db import transaction

from parkcarbon.engine import methodology as M
from parkcarbon.inventory import services
from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion
from parkcarbon.inventory.regions import division_default, region_for_park

YEARS = (2022, 2023, 2024)
# division (first two digits of the industry code) -> [(section, activity, unit, annual amount)]
PROFILES = {
    "44": [("energy", "bituminous_coal", "t", 420_000, {"ncv": (21.8, "GJ/t")}),
           ("energy", "natural_gas", "10^4 Nm3", 1_800), ("energy", "diesel", "t", 300)],
    "31": [("energy", "coke", "t", 160_000), ("energy", "bituminous_coal", "t", 90_000),
           ("energy", "blast_furnace_gas", "10^4 Nm3", 60_000), ("energy", "electricity_grid", "MWh", 180_000),
           ("ippu", "steel_limestone_flux", "t", 45_000), ("ippu", "steel_electrode", "t", 900)],
    # cement: most coal fires the kiln (precalciner and kiln head, 窑炉), a little the works' boiler (工业锅炉), so
    # each line takes the guideline's oxidation rate of its equipment (Table 2.3: 98 % / 95 %); the boiler line is
    # last so the other lines keep their random draws
    "30": [("energy", "bituminous_coal", "t", 105_000, {"equipment": "kiln"}), ("energy", "diesel", "t", 600),
           ("energy", "electricity_grid", "MWh", 75_000), ("ippu", "cement_clinker_oxide", "t", 900_000,
                                                           {"cao": (0.652, "fraction"), "mgo": (0.021, "fraction")}),
           ("energy", "bituminous_coal", "t", 5_000, {"equipment": "industrial_boiler"})],
    "32": [("energy", "electricity_grid", "MWh", 650_000), ("energy", "natural_gas", "10^4 Nm3", 900),
           ("ippu", "aluminium_cn", "t", 50_000), ("ippu", "aluminium_anode_consumption", "t", 21_000)],
    "26": [("energy", "natural_gas", "10^4 Nm3", 2_600), ("energy", "bituminous_coal", "t", 25_000),
           ("energy", "electricity_grid", "MWh", 40_000), ("energy", "heat_in_park", "GJ", 260_000)],
    "39": [("energy", "electricity_grid", "MWh", 52_000), ("energy", "natural_gas", "10^4 Nm3", 120),
           ("energy", "electricity_in_park", "MWh", 8_000)],
    "13": [("energy", "natural_gas", "10^4 Nm3", 300), ("energy", "heat_in_park", "GJ", 90_000),
           ("energy", "electricity_grid", "MWh", 9_000), ("energy", "diesel", "t", 150)],
    "14": [("energy", "natural_gas", "10^4 Nm3", 260), ("energy", "electricity_grid", "MWh", 7_000)],
    "17": [("energy", "heat_in_park", "GJ", 150_000), ("energy", "electricity_grid", "MWh", 21_000),
           ("energy", "natural_gas", "10^4 Nm3", 180)],
    "34": [("energy", "electricity_grid", "MWh", 16_000), ("energy", "natural_gas", "10^4 Nm3", 90),
           ("energy", "lpg", "t", 120)],
    "54": [("energy", "road_diesel", "t", 4_200), ("energy", "road_gasoline", "t", 350),
           ("energy", "electricity_grid", "MWh", 2_400)],
    "59": [("energy", "road_diesel", "t", 1_800), ("energy", "electricity_grid", "MWh", 6_500)],
}
# Four-digit classes whose division profile would be wrong (rolling mills do not smelt, glass is not cement).
CLASS_PROFILES = {
    # special glass: natural gas in the melting furnaces (窑炉), and producer gas (发生炉煤气) from the works' coal
    # gasifier for an older furnace line, about a twentieth of the heat (1,500 x 10^4 Nm3 x 5.227 MJ/m3 against
    # 4,200 x 10^4 Nm3 of natural gas at 38.931 MJ/m3); added last so the other lines keep their random draws
    "3042": [("energy", "natural_gas", "10^4 Nm3", 4_200, {"equipment": "kiln"}),
             ("energy", "electricity_grid", "MWh", 38_000),
             ("ippu", "carbonate_limestone", "t", 18_000), ("ippu", "soda_ash_use", "t", 30_000),
             ("energy", "producer_gas", "10^4 Nm3", 1_500, {"equipment": "kiln"})],
    # industrial hydrogen by natural gas steam reforming (t H2; IPCC 2019 Tier 1b: the feedstock requirement covers
    # the reformer's fuel gas too, so no separate natural gas line) and the tube trailers delivering it
    "2619": [("ippu", "hydrogen_natural_gas", "t", 6_000), ("energy", "road_diesel", "t", 220)],
    # the park's gas distribution company: its mains (km, a stock: one line for the year; mostly polyethylene, with
    # leak detection and repair), the heaters of its gate station and its service vans
    "4511": [("energy", "og19_gas_distribution_plastic_ldar_km", "km", 240),
             ("energy", "natural_gas", "10^4 Nm3", 8), ("energy", "road_diesel", "t", 45)],
    "4416": [("energy", "electricity_grid", "MWh", 1_200), ("energy", "diesel", "t", 25)],  # solar: auxiliaries
    "3130": [("energy", "natural_gas", "10^4 Nm3", 1_500), ("energy", "electricity_grid", "MWh", 60_000)],
    "3252": [("energy", "natural_gas", "10^4 Nm3", 700), ("energy", "electricity_grid", "MWh", 30_000)],
    "2221": [("energy", "bituminous_coal", "t", 30_000), ("energy", "electricity_grid", "MWh", 45_000),
             ("energy", "heat_in_park", "GJ", 120_000)],
    # integrated circuits: the division's energy, plus the fluorinated gases of etching and CVD chamber cleaning (kg
    # fed in a year, at the IPCC Tier 2a defaults); no NF3: the guideline's SAR set has no NF3 GWP
    "3973": [("energy", "electricity_grid", "MWh", 52_000), ("energy", "natural_gas", "10^4 Nm3", 120),
             ("energy", "electricity_in_park", "MWh", 8_000), ("ippu", "etch_c2f6", "kg", 2_400),
             ("ippu", "etch_cf4", "kg", 1_500), ("ippu", "etch_chf3", "kg", 600), ("ippu", "etch_c4f8", "kg", 800),
             ("ippu", "etch_sf6", "kg", 300)],
}
DEFAULT_PROFILE = [("energy", "electricity_grid", "MWh", 8_000), ("energy", "natural_gas", "10^4 Nm3", 60)]
PARK_OWN = [("energy", "electricity_grid", "MWh", 6_500), ("energy", "natural_gas", "10^4 Nm3", 45),
            ("energy", "road_diesel", "t", 160), ("waste", "industrial_wastewater_anaerobic_reactor", "tCOD", 2_400)]
# Enterprises that report under another guideline than the first one proposed for their industry: the IPCC 2019
# Refinement gives hydrogen production and gas distribution defaults the Chinese enterprise guidelines lack.
METHODOLOGY = {"2619": "ipcc2019", "4511": "ipcc2019"}
STOCK_UNITS = ("km", "well")  # a quantity held through the year (pipeline length, wells): one annual line
EXTRA = ("equipment",)  # profile options stored in a line's ``extra``, not as measured parameters
SEASON = [1.12, 0.92, 1.0, 0.96, 0.98, 1.04, 1.1, 1.12, 1.0, 0.94, 0.9, 0.92]  # summer cooling, winter heating
GROWTH = {2022: 0.94, 2023: 1.0, 2024: 1.03}


def _lines(profile, seed: str, year: int) -> dict[str, list[dict]]:
    rng = random.Random(f"{seed}-{year}")
    scale = rng.uniform(0.6, 1.4)
    by_section: dict[str, list[dict]] = {}
    for section, activity, unit, annual, *options in profile:
        options = options[0] if options else {}
        spec = {name: {"value": v[0], "unit": v[1]} for name, v in options.items() if name not in EXTRA}
        extra = {name: options[name] for name in EXTRA if name in options}
        if unit in STOCK_UNITS:  # grows with the park, no random scale: the same mains from one year to the next
            by_section.setdefault(section, []).append(
                {"activity": activity, "amount": round(annual * GROWTH[year]), "unit": unit, "month": 0,
                 "measured": spec, "extra": extra})
            continue
        monthly = [annual * GROWTH[year] * scale * s / sum(SEASON) * rng.uniform(0.93, 1.07) for s in SEASON]
        for month, amount in enumerate(monthly, start=1):
            by_section.setdefault(section, []).append(
                {"activity": activity, "amount": float(f"{amount:.{max(0, 3 - int(math.log10(amount)))}f}"),
                 "unit": unit, "month": month, "measured": spec, "extra": extra}
            )
    return by_section


@transaction.atomic
def _fill(inventory: Inventory, by_section: dict[str, list[dict]]) -> None:
    if inventory.versions.exists():
        return  # already loaded: idempotent
    for section, rows in by_section.items():
        version = SectionVersion.objects.create(inventory=inventory, section=section, number=1, source="manual")
        ActivityLine.objects.bulk_create([ActivityLine(version=version, position=i, **row) for i, row in enumerate(rows)])
    services.refresh_snapshot(inventory)


def _economics(seed: str, year: int) -> dict:
    """Gross output value and value added (10^4 yuan) for the intensity figures."""
    rng = random.Random(f"{seed}-economics")
    output = rng.uniform(20_000, 600_000) * GROWTH[year]
    return {"output_value_10k_yuan": round(output), "value_added_10k_yuan": round(output * rng.uniform(0.18, 0.32))}


def profile_of(industry_code: str) -> list:
    return CLASS_PROFILES.get(industry_code) or PROFILES.get(industry_code[:2], DEFAULT_PROFILE)


def load_demo_inventories(park, years=YEARS) -> int:
    """Create the inventories of ``park`` (enterprises and own sources) for ``years``; returns how many exist."""
    region = region_for_park(park) or "CN-JS"
    count = 0
    for year in years:
        for enterprise in park.enterprises.all():
            code = enterprise.industry_code
            methodology = M.get(METHODOLOGY[code]) if code in METHODOLOGY else M.propose(code)[0]
            inventory, _ = Inventory.objects.get_or_create(
                park=park, enterprise=enterprise, year=year,
                defaults={"region": region, "division": division_default(enterprise), "contact_name": enterprise.contact_person, "methodologies": [methodology.id],
                          "gwp_set": methodology.gwp, "status": "submitted" if year < max(years) else "draft",
                          **_economics(enterprise.credit_code, year)},
            )
            _fill(inventory, _lines(profile_of(enterprise.industry_code), enterprise.credit_code, year))
            count += 1
        own, _ = Inventory.objects.get_or_create(park=park, enterprise=None, year=year, defaults={
            "region": region, "division": division_default(park=park), "standard": "cn_provincial", "methodologies": ["cn_park_inventory"], "gwp_set": "SAR",
            "status": "submitted" if year < max(years) else "draft"})
        _fill(own, _lines(PARK_OWN, park.code, year))
        count += 1
    return count
