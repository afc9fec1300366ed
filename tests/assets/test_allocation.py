"""Power-sector benchmark allocation, worked by hand from the 2019-2020 plan's formula and Table 1 benchmarks
(300 MW-class-and-above coal 0.877 t/MWh, heat 0.126 t/GJ; gas 0.392 t/MWh, heat 0.059 t/GJ)."""

import pytest

from parkcarbon.assets import allocation as alloc


def test_coal_unit_with_every_correction():
    """2,000,000 MWh x 0.877 x 1.05 (air-cooled) x (1 - 0.22 x 0.1) x (1 + 0.0014 x (85 - 82)) = 1,808,747.57 t;
    plus 300,000 GJ x 0.126 = 37,800 t; total 1,846,547.57 -> 1,846,548 t."""
    unit = alloc.UnitInput("coal_gt300", 2_000_000, 300_000, "air", 0.1, 0.82)
    total, (part,) = alloc.power_allocation(2019, [unit])
    assert part["f_cooling"] == 1.05 and part["f_heat"] == pytest.approx(0.978)
    assert part["f_load"] == pytest.approx(1.0042)
    assert part["electricity_t"] == pytest.approx(1_808_747.5669, abs=0.01)
    assert part["heat_t"] == pytest.approx(37_800)
    assert total == 1_846_548


def test_gas_unit_has_heat_correction_only():
    """1,000,000 MWh x 0.392 x (1 - 0.6 x 0.2) = 344,960 t; 100,000 GJ x 0.059 = 5,900 t: 350,860 t. Cooling and
    load corrections do not apply to gas units."""
    unit = alloc.UnitInput("gas", 1_000_000, 100_000, "air", 0.2, 0.5)
    assert alloc.power_allocation(2020, [unit])[0] == 350_860


def test_pre_allocation_is_seventy_percent():
    unit = alloc.UnitInput("coal_le300", 1_000_000)  # 979,000 t; 70 % = 685,300 t
    assert alloc.power_allocation(2020, [unit], share=0.7)[0] == 685_300


@pytest.mark.parametrize(("load", "factor"), [(0.85, 1.0), (0.90, 1.0), (0.80, 1.007), (0.78, 1.007 * 1.0032),
                                             (0.70, 1.015 ** 2), (0.60, 1.015 ** 4)])
def test_load_correction_bands(load, factor):
    assert alloc.load_correction(load) == pytest.approx(factor)


def test_no_benchmark_no_computation():
    with pytest.raises(alloc.AllocationError, match="no cited benchmark"):
        alloc.power_allocation(2024, [alloc.UnitInput("coal_gt300", 1)])
    with pytest.raises(alloc.AllocationError):
        alloc.power_allocation(2019, [alloc.UnitInput("coal_gt300", 1, heat_ratio=1.2)])


def test_every_benchmark_and_rule_is_cited():
    for b in alloc.benchmarks().values():
        assert b.source.startswith("MEE") and b.confidence in ("high", "medium") and 0 < b.electricity < 2
    for rule in alloc.market_rules().values():
        assert "Art. 29" in rule.source and rule.offset_cap_share == 0.05 and rule.deadline.year > rule.year
