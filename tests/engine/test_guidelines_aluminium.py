"""China primary aluminium guideline (NDRC 2013, 发改办气候〔2013〕2526号): limestone calcination at the guideline's own
default. The guideline computes E = L x EF with EF 0.405 tCO2 per tonne of limestone as consumed (煅烧石灰石的二氧化碳
排放因子, Appendix 2 Table 2.3, checked against a copy of the published text: factor IPPU-ALU-001, provenance "official"),
not the stoichiometric CO2/CaCO3 ratio 0.43971 x purity that other methodologies apply (choices.csv CH-020). Expected
answers are the guideline's equation with that default, worked by hand."""

import pytest

from parkcarbon.engine import load_library
from parkcarbon.engine import methodology as M

YEAR, REGION = 2022, "CN-NM"
LIMESTONE = [{"activity": "carbonate_limestone", "amount": 10_000, "unit": "t"}]


def calc(mid, rows, year=YEAR):
    return M.calculate_enterprise([mid], rows, year, REGION)


def co2e(result, category=None):
    lines = result.lines if category is None else result.lines[result.lines["guideline_category"] == category]
    return float(lines["co2e"].sum())


def test_aluminium_is_complete_and_reports_every_category():
    m = M.get("cn_aluminium")
    assert m.status == "complete"  # PFC, anode and limestone defaults checked against the published Tables 2.2 / 2.3
    assert m.datasets[0] == "cn_aluminium_2013"
    assert {c for t in m.tables for c in t.categories} == {c.id for c in m.categories}


def test_aluminium_limestone_at_the_guideline_default():
    # 10 000 t limestone x 0.405 tCO2/t limestone = 4 050 tCO2 (no purity term in E = L x EF).
    r = calc("cn_aluminium", LIMESTONE)
    assert co2e(r, "carbonate_use") == pytest.approx(4_050.0)
    assert float(r.lines["CO2"].sum()) == pytest.approx(4_050.0)
    assert list(r.lines["factor:ef_co2"]) == ["IPPU-ALU-001"]


def test_aluminium_limestone_measured_factor_overrides_the_default():
    # Tier 2: the enterprise's measured EF (here 0.42 tCO2/t limestone) replaces 0.405: 10 000 t x 0.42 = 4 200 tCO2.
    r = calc("cn_aluminium", [{**LIMESTONE[0], "ef_co2": 0.42, "ef_co2_unit": "tCO2/t"}])
    assert co2e(r, "carbonate_use") == pytest.approx(4_200.0)


def test_aluminium_limestone_applies_from_2005():
    # Defaults apply back to 2005 (issue 15): 2 500 t x 0.405 = 1 012.5 tCO2 in 2005 as in 2030.
    for year in (2005, 2030):
        assert co2e(calc("cn_aluminium", [{"activity": "carbonate_limestone", "amount": 2_500, "unit": "t"}],
                         year)) == pytest.approx(1_012.5)


def test_aluminium_total_with_anode_pfcs_and_limestone():
    # One smelter, the guideline's equations and defaults: 300 000 t Al, PFCs at CF4 0.034 and C2F6 0.0034 kg/t Al with
    # SAR 6 500 / 9 200 -> 300 000 x (0.034 x 6.5 + 0.0034 x 9.2) / 1000 x 1000 = 75 684 tCO2e; 126 000 t net anode x
    # (1 - 2 % - 0.4 %) x 44/12 = 450 912 tCO2; 10 000 t limestone x 0.405 = 4 050 tCO2. Total 530 646 tCO2e.
    r = calc("cn_aluminium", [{"activity": "aluminium_cn", "amount": 300_000, "unit": "t"},
                              {"activity": "aluminium_anode_consumption", "amount": 126_000, "unit": "t"}, *LIMESTONE])
    assert co2e(r, "anode_effect") == pytest.approx(75_684.0)
    assert co2e(r, "anode_consumption") == pytest.approx(450_912.0)
    assert co2e(r, "carbonate_use") == pytest.approx(4_050.0)
    assert co2e(r) == pytest.approx(530_646.0)


def test_other_guidelines_keep_the_stoichiometric_factor():
    # Ceramics (NDRC 2013) and other industries (NDRC 2015) keep CO2/CaCO3 = 44.009 / 100.086 = 0.43971 x purity:
    # 10 000 t at 90 % CaCO3 -> 3 957.39 tCO2.
    rows = [{**LIMESTONE[0], "fraction": 90, "fraction_unit": "%"}]
    for mid in ("cn_ceramics", "cn_other_industry"):
        assert co2e(calc(mid, rows)) == pytest.approx(10_000 * 0.43971 * 0.9)


def test_the_choice_is_recorded():
    lib = load_library()
    f = lib.factors["IPPU-ALU-001"]
    assert (f.value, f.unit, f.dataset, f.source, f.provenance) == (0.405, "tCO2/t", "cn_aluminium_2013",
                                                                      "NDRC-2013-ALU", "official")
    (c,) = [c for c in lib.choices if c["used_ref"] == "IPPU-ALU-001"]
    assert (float(c["used_value"]), float(c["other_value"]), c["used_in"]) == (0.405, 0.43971, "cn_aluminium")
    # no other methodology reads the guideline's dataset
    assert [m.id for m in M.methodologies().values() if "cn_aluminium_2013" in m.datasets] == ["cn_aluminium"]


# --- carbon anode consumption from aluminium output (issue 15, recheck) -------------------------------------------
# Guideline Eq (4): E = P x EF_anode, EF_anode = NC x (1 - S_a - A_a) x 44/12, with the guideline's defaults NC 0.42 t C
# per t Al, S_a 2 %, A_a 0.4 % (Appendix 2 Table 2.2: IPPU-ALU-002..004).

def test_anode_consumption_from_aluminium_output_at_the_guideline_defaults():
    # 300 000 t Al x 0.42 t C/t x (1 - 0.02 - 0.004) x 44/12 = 126 000 x 0.976 x 44/12 = 450 912 tCO2, the same as
    # entering the 126 000 t of net anode consumption directly (aluminium_anode_consumption).
    r = calc("cn_aluminium", [{"activity": "aluminium_cn_anode", "amount": 300_000, "unit": "t"}])
    assert co2e(r, "anode_consumption") == pytest.approx(450_912.0)
    direct = calc("cn_aluminium", [{"activity": "aluminium_anode_consumption", "amount": 126_000, "unit": "t"}])
    assert co2e(r) == pytest.approx(co2e(direct))
    assert list(r.lines["factor:anode_nc"]) == ["IPPU-ALU-002"]


def test_anode_consumption_with_the_smelters_measured_nc():
    # Tier 2: measured NC 0.40 t C/t Al and S 1.5 %: 1 000 t x 0.40 x (1 - 0.015 - 0.004) x 44/12 = 1 438.53 tCO2.
    row = {"activity": "aluminium_cn_anode", "amount": 1_000, "unit": "t", "anode_nc": 0.40, "anode_nc_unit": "tC/t",
           "anode_s": 1.5, "anode_s_unit": "%"}
    assert co2e(calc("cn_aluminium", [row])) == pytest.approx(1_000 * 0.40 * 0.981 * 44 / 12)


def test_anode_nc_default_applies_from_2005():
    # 1 000 t Al x 0.42 x 0.976 x 44/12 = 1 503.04 tCO2 in every year 2005-2030.
    for year in (2005, 2030):
        r = calc("cn_aluminium", [{"activity": "aluminium_cn_anode", "amount": 1_000, "unit": "t"}], year)
        assert co2e(r) == pytest.approx(1_503.04)


# --- the published Appendix 2 (issue 15, helper alucheck) ---------------------------------------------------------
# Read from a copy of the published guideline (PDF p.27-28): Table 2.2 能源作为原材料用途的排放因子相关推荐值 gives
# 吨铝炭阳极净耗 0.42 tC/t-Al, 炭阳极平均含硫量 2 %, 炭阳极平均灰分含量 0.4 %; Table 2.3 工业生产过程排放因子推荐值 gives
# 阳极效应的CF4排放因子 0.034 kg CF4/t-Al, 阳极效应的C2F6排放因子 0.0034 kg C2F6/t-Al, 煅烧石灰石的排放因子 0.405 tCO2/t.
PUBLISHED = {"IPPU-ALU-001": (0.405, "tCO2/t"), "IPPU-ALU-002": (0.42, "tC/t"), "IPPU-ALU-003": (2, "%"),
             "IPPU-ALU-004": (0.4, "%"), "IPPU-085": (2, "%"), "IPPU-086": (0.4, "%"),
             "IPPU-083": (0.034, "kgCF4/t"), "IPPU-084": (0.0034, "kgC2F6/t")}


@pytest.mark.parametrize("fid", sorted(PUBLISHED))
def test_defaults_equal_the_published_tables_2_2_and_2_3(fid):
    f = load_library().factors[fid]
    assert (f.value, f.unit, f.source, f.provenance) == (*PUBLISHED[fid], "NDRC-2013-ALU", "official")
    assert f.table.startswith("Appendix 2, Table 2.2" if fid in ("IPPU-ALU-002", "IPPU-ALU-003", "IPPU-ALU-004",
                                                                  "IPPU-085", "IPPU-086") else "Appendix 2, Table 2.3")


def test_only_crude_benzene_stays_a_transcription():
    # Every default cn_aluminium resolves from its own datasets (cn_aluminium_2013, cn_sector) is official, except the
    # crude benzene row the published Table 2.1 lacks (CN-ALU-040..042, equal to the NDRC 2015 generic default).
    lib = load_library()
    m = M.get("cn_aluminium")
    left = {d["factor_id"] for a in m.activities for d in M.parameter_defaults("cn_aluminium", a, YEAR, REGION)
            if d["rule"] == "library" and d.get("factor_id")
            and lib.factors[d["factor_id"]].dataset in ("cn_aluminium_2013", "cn_sector")
            and lib.factors[d["factor_id"]].provenance != "official"}
    assert left == {"CN-ALU-040", "CN-ALU-041", "CN-ALU-042"}
