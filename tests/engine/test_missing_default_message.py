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
