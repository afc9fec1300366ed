"""Believable threshold rules for the demo park, evaluated against its three years of data.

The national carbon market covers units emitting 26,000 t CO2e a year (about 10,000 tce); the park watches larger
steelworks, intensities and jumps between years, and the data-quality rules a verifier would apply (complete
monthly data, coal NCV within the range of Chinese bituminous coal, measured parameters close to the defaults)."""

from django.db import transaction
from django.utils import timezone

from parkcarbon.accounts.models import User
from parkcarbon.alerts import services
from parkcarbon.alerts.models import Alert, Metric, Rule

DEMO_RULES = [
    ("钢铁企业年排放超过 120 万吨", Metric.ANNUAL_CO2E, 1_200_000, {"industry_prefix": "31"}),
    ("钢铁企业万元产值能耗超过 0.6 吨标煤", Metric.TCE_PER_OUTPUT, 0.6, {"industry_prefix": "31"}),
    ("万元产值碳排放超过 3 吨", Metric.CO2E_PER_OUTPUT, 3, {}),
    ("排放量比上年增长超过 80%", Metric.CHANGE_YEAR, 80, {}),
    ("月度数据不完整", Metric.MISSING_MONTHS, 0, {}),
    ("烟煤低位发热量超出 20–26 GJ/t", Metric.MEASURED_RANGE, 26,
     {"lower_bound": 20, "parameter": "ncv", "unit": "GJ/t", "activity": "bituminous_coal"}),
    ("实测参数使排放偏离缺省值超过 15%", Metric.DEFAULT_DEVIATION, 15, {}),
]


@transaction.atomic
def load_demo_rules(park) -> int:
    """Create the demo rules (idempotent), evaluate the park, acknowledge one alert; returns the active alerts."""
    admin = User.objects.filter(username="park_admin").first()
    for name, metric, threshold, extra in DEMO_RULES:
        Rule.objects.get_or_create(park=park, name=name, defaults={"metric": metric, "threshold": threshold,
                                                                    "created_by": admin, **extra})
    services.evaluate_park(park.pk)
    active = Alert.objects.filter(inventory__park=park).active()
    oldest = active.filter(rule__metric=Metric.CO2E_PER_OUTPUT, acknowledged_at__isnull=True).order_by(
        "inventory__year").first()
    if oldest is not None and admin is not None:
        oldest.acknowledged_at, oldest.acknowledged_by = timezone.now(), admin
        oldest.note = "2022 年产量下降、产值核算口径调整，强度偏高属实；已要求企业在下一年度报告中说明。"
        oldest.save()
    return active.count()
