"""Demo trial applications: a few parks waiting for review and one rejected, as a platform operator sees them.
The demo parks themselves are full accounts (no trial end date)."""

from django.db import transaction
from django.utils import timezone

from parkcarbon.accounts.models import User
from parkcarbon.trials.models import Status, TrialApplication

# (park name, level, county code, area km², industries, enterprises, contact, mobile, e-mail, message, status, reason)
DEMO_APPLICATIONS = [
    ("如东沿海经济开发区", "provincial_etdz", "320623", "118.00", "C,26,44", 160, "陈主任", "13912345678",
     "chen.rudong@example.com", "园区以化工新材料和风电装备为主，希望先用于重点企业的年度排放核算。", Status.PENDING, ""),
    ("宁东能源化工基地", "chemical_park", "640181", "645.00", "B,C,25,26", 210, "马工", "13895012345",
     "ma.ningdong@example.com", "Coal-to-chemicals base; interested in the enterprise reporting workflow and verification.",
     Status.PENDING, ""),
    ("合肥高新技术产业开发区", "national_htz", "340104", "128.00", "C,39,65", 540, "李女士", "18655123456",
     "li.hefei@example.com", "", Status.PENDING, ""),
    ("某某产业集聚区", "industrial_park", "410102", "", "C", 12, "张先生", "15012345678",
     "zhang@example.com", "试试看。", Status.REJECTED,
     "申请材料中的园区未列入省级以上开发区名录，且未提供管理机构信息；补充后欢迎再次申请。"),
]


@transaction.atomic
def load_demo_applications() -> int:
    """Create the demo applications (idempotent); returns how many are pending."""
    operator = User.objects.filter(username="platform_admin").first()
    for (name, level, division, area, industries, count, contact, mobile, email, message, status,
         reason) in DEMO_APPLICATIONS:
        application = TrialApplication.objects.filter(park_name=name, division=division).first()
        if application is None:
            application = TrialApplication(park_name=name, division=division)
        application.level, application.area_km2, application.industries = level, area or None, industries
        application.enterprise_count, application.contact_name, application.mobile = count, contact, mobile
        application.email, application.message, application.status, application.reason = email, message, status, reason
        if status != Status.PENDING and application.decided_at is None:
            application.decided_at, application.decided_by = timezone.now(), operator
        application.full_clean()
        application.save()
    return TrialApplication.objects.filter(status=Status.PENDING).count()
