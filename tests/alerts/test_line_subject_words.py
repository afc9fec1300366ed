"""An alert on one line names its section in words and a whole-year line as such (walk of 2026-11-29, walker4: the
Chinese alerts list said "第 44 行（waste）：填埋厨余垃圾（按填埋年份），全年 月")."""

import pytest
from django.utils.translation import override

from parkcarbon.alerts.models import Alert

WHOLE_YEAR = {"row": 44, "section": "waste", "activity": "landfill_food", "month": 0}


@pytest.mark.parametrize(
    ("lang", "detail", "expected"),
    [
        ("zh-hans", WHOLE_YEAR, "第 44 行（废弃物处理）：填埋厨余垃圾（按填埋年份），全年"),
        (
            "en",
            WHOLE_YEAR,
            "Line 44 (Waste Disposal): Food waste landfilled (one row per deposit year), whole year",
        ),
        (
            "zh-hans",
            {**WHOLE_YEAR, "section": "energy", "activity": "raw_coal", "month": 3},
            "第 44 行（能源活动）：原煤，3 月",
        ),
        (
            "en",
            {**WHOLE_YEAR, "section": "energy", "activity": "raw_coal", "month": 3},
            "Line 44 (Energy Activities): Raw coal, month 3",
        ),
    ],
)
def test_line_subject_in_words(lang, detail, expected):
    alert = Alert(subject="line:1", detail=detail)
    with override(lang):
        assert alert.subject_label == expected
