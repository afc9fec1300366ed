"""Believable disclosures for the demo park: the park's disclosure of its last verified year (published, then
corrected with a reduction target added: two public versions), the demo steel works' disclosure of that year
(prepared by its manager, approved by the park administrator, published), and a draft of the steel works' latest
year, which waits for its verification. Steps go through the service functions as the demo users."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from parkcarbon.disclosure import services
from parkcarbon.disclosure.figures import figures_for
from parkcarbon.disclosure.models import Disclosure, Event
from parkcarbon.inventory.models import Inventory, Status

MEASURES = ("高炉煤气余压发电（TRT）改造; 18000\n"
            "烧结余热回收; 9500\n"
            "厂区屋顶分布式光伏 12 MW; 6800")
PARK_MEASURES = ("园区集中供热替代分散燃煤锅炉; 42000\n"
                 "企业屋顶分布式光伏推广; 15000\n"
                 "污水处理厂沼气回收利用; 3100")


def _publish(disclosure, preparer, approver, when: datetime) -> Disclosure:
    disclosure = services.submit(disclosure, preparer)
    disclosure = services.approve(disclosure, approver, "数据与核查结论一致，同意发布。")
    disclosure = services.publish(disclosure, preparer)
    for i, pk in enumerate(Event.objects.filter(disclosure=disclosure).order_by("pk").values_list("pk", flat=True)):
        Event.objects.filter(pk=pk).update(at=when + timedelta(days=2 * i))
    return disclosure


def _items(disclosure, *extra: str) -> list[str]:
    """The default items and ``extra``, without the previous year when it has no verified figures."""
    previous = figures_for(disclosure, disclosure.year - 1)
    keep = previous is not None and previous.verified
    return [k for k in [*disclosure.items, *extra] if k != "previous_year" or keep]


def _target(disclosure, base_year: int, base_value: float, **extra) -> None:
    Disclosure.objects.filter(pk=disclosure.pk).update(
        target_metric="absolute", target_scopes="1+2", target_base_year=base_year, target_base_value=base_value,
        target_year=2030, target_reduction_pct=extra.pop("pct", 20.0), target_net=False, **extra)
    disclosure.refresh_from_db()


@transaction.atomic
def load_demo_disclosures(park) -> int:
    """Once per park (nothing happens when it has disclosures). Returns the number of published versions."""
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["platform_admin", "park_admin", "ent_manager"])}
    if len(users) < 3 or Disclosure.objects.filter(park=park).exists():
        return 0
    admin, platform, manager = users["park_admin"], users["platform_admin"], users["ent_manager"]
    if not admin.memberships.filter(park=park).exists():
        return 0
    verified_years = sorted(set(Inventory.objects.filter(park=park, status=Status.VERIFIED)
                                .values_list("year", flat=True)))
    if not verified_years:
        return 0
    year = verified_years[-1]
    tz = timezone.get_current_timezone()
    published = 0

    park_v1 = services.create(admin, park, None, year)
    Disclosure.objects.filter(pk=park_v1.pk).update(items=_items(park_v1, "measures"), measures=PARK_MEASURES)
    park_v1.refresh_from_db()
    park_v1 = _publish(park_v1, admin, platform, datetime(year + 1, 4, 20, 10, tzinfo=tz))
    published += 1
    park_v2 = services.correct(park_v1, admin, "补充披露园区2030年减排目标（IFRS S2 第33–36段）。")
    total = park_v1.snapshot["data"]["total"]["value"]
    # Two decimals, as the page prints the total beside it (0.1 made them disagree: .57 vs .60).
    _target(park_v2, year, round(total, 2), target_description="以核查后的年度排放为基准，2030年范围一和范围二排放较基准年下降20%。")
    Disclosure.objects.filter(pk=park_v2.pk).update(items=_items(park_v2, "targets"))
    park_v2.refresh_from_db()
    _publish(park_v2, admin, platform, datetime(year + 1, 6, 3, 10, tzinfo=tz))
    published += 1

    steel_id = manager.memberships.values_list("enterprise_id", flat=True).first()
    steel = park.enterprises.filter(pk=steel_id).first()
    if steel and Inventory.objects.filter(enterprise=steel, year=year, status=Status.VERIFIED).exists():
        ent = services.create(manager, park, steel, year)
        Disclosure.objects.filter(pk=ent.pk).update(items=_items(ent, "targets", "measures"), measures=MEASURES)
        ent.refresh_from_db()
        snapshot_total = figures_for(ent).total
        _target(ent, year, round(snapshot_total, 2), pct=18.0,
                target_description="2030年范围一和范围二排放较基准年下降18%，不使用碳信用抵消。")
        _publish(ent, manager, admin, datetime(year + 1, 3, 10, 10, tzinfo=tz))
        published += 1
        latest = Inventory.objects.filter(enterprise=steel, year__gt=year).order_by("-year").first()
        if latest:
            services.create(manager, park, steel, latest.year)  # a draft: its inventory is not verified yet
    return published
