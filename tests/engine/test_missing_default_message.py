"""A line whose guideline gives no default names its activity in words, with the code (walk of 2026-11-29, walker2:
a semi-coke line under the cement guideline read "《…》未给出semi_coke的低位发热量缺省值" / "… for semi_coke", the
internal key where the upload's other messages name the activity)."""

from parkcarbon.engine import methodology as M


def test_the_message_names_the_activity_in_both_languages():
    rows = [{"row_id": "1", "activity": "semi_coke", "amount": 200, "unit": "t"}]
    problems = M.check_rows(["cn_cement"], rows)
    assert {p.column for p in problems} == {"ncv", "cc", "of"}
    for p in problems:
        assert "for Semi-coke (lantan) (semi_coke)" in p.message, p.message
        assert "未给出兰炭（半焦、蓝炭）（semi_coke）的" in p.message_zh, p.message_zh


def test_a_default_every_line_replaced_by_its_measured_value_is_not_listed_as_used():
    """Walk of 2026-11-29 (walker2): a cement clinker line with its measured CaO content showed the IPCC default
    (IPPU-002, 65 %) in the report's factor table, and a raw-coal line with its measured NCV the guideline's 20.908
    GJ/t (CN-CEM-001), though no line used them."""
    row = {"row_id": "1", "activity": "raw_coal", "amount": 100, "unit": "t", "ncv": 25, "ncv_unit": "GJ/t"}
    result = M.calculate_enterprise(["cn_cement"], [row], 2025, "CN-JS")
    assert set(result.factors_used["id"]) == {"CN-CEM-002", "CN-CEM-003"}  # cc 26.37 tC/TJ, oxidation 98 % used
    second = {"row_id": "2", "activity": "raw_coal", "amount": 100, "unit": "t"}  # takes the default NCV
    result = M.calculate_enterprise(["cn_cement"], [row, second], 2025, "CN-JS")
    assert set(result.factors_used["id"]) == {"CN-CEM-001", "CN-CEM-002", "CN-CEM-003"}
    clinker = {"row_id": "1", "activity": "cement_clinker_oxide", "amount": 10000, "unit": "t", "cao": 0.65,
               "cao_unit": "fraction", "mgo": 0.015, "mgo_unit": "fraction"}
    result = M.calculate_enterprise(["cn_cement", "ipcc2006"], [clinker], 2025, "CN-JS")
    assert "IPPU-002" not in set(result.factors_used["id"])
