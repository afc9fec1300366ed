"""Believable verification workflow data for the demo park: last-but-one year's inventories verified by the demo
verification body (a few with qualifications and a verified adjustment), the latest submitted year in progress (some
under verification, one with a verifier's question, the demo steel works' inventory returned with a comment on a
line). Steps go through the service functions, as the demo users, and are then dated back to a plausible calendar."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory, Transition
from parkcarbon.verification import services
from parkcarbon.verification.models import Adjustment, Comment, Conclusion


def _dated(inventory: Inventory, when: datetime) -> None:
    """Date the inventory's workflow rows back, one day apart in the order they were written."""
    for model, field in ((Transition, "at"), (Comment, "at"), (Adjustment, "at"), (Conclusion, "at")):
        for i, pk in enumerate(model.objects.filter(inventory=inventory).order_by("pk").values_list("pk", flat=True)):
            model.objects.filter(pk=pk).update(**{field: when + timedelta(days=3 * i)})


def _line(inventory: Inventory, activity_prefix: str = ""):
    lines = inventory_services.current_lines(inventory).select_related("version")
    return lines.filter(activity__startswith=activity_prefix).order_by("-amount").first() or lines.first()


@transaction.atomic
def load_demo_workflow(park) -> int:
    """Run the workflow on the park's submitted inventories (once: nothing happens when it has run). Returns the
    number of inventories concluded."""
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["park_admin", "verifier", "ent_manager"])}
    if len(users) < 3 or Transition.objects.filter(inventory__park=park).exclude(new_status="submitted").exists():
        return 0
    admin, verifier, manager = users["park_admin"], users["verifier"], users["ent_manager"]
    if not admin.memberships.filter(park=park).exists():
        return 0  # the demo's workflow users serve the demo park only
    steel_id = manager.memberships.values_list("enterprise_id", flat=True).first()
    submitted = Inventory.objects.filter(park=park, status="submitted").order_by("year", "enterprise__name")
    years = sorted(set(submitted.values_list("year", flat=True)))
    if not years:
        return 0
    tz = timezone.get_current_timezone()
    concluded = 0
    for n, inventory in enumerate(submitted.filter(year__lt=years[-1])):
        services.accept(inventory, admin, "数据完整，提交核查。")
        if n % 7 == 3:  # a few: a restated line and a qualified conclusion
            line = _line(inventory, "electricity")
            services.add_comment(inventory, verifier, "请提供该月电费结算单。", line.pk)
            services.record_adjustment(inventory, verifier, line.pk, round(line.amount * 0.97, 1),
                                       "按供电公司电费结算单核减，计量表读数与结算电量差异 3%。")
            services.conclude(inventory, verifier, "qualified",
                              "除外购电力按结算单核减外，排放报告数据真实、完整、准确，符合核算指南要求。")
        else:
            services.conclude(inventory, verifier, "verified",
                              "经文件评审与现场核查，排放报告数据真实、完整、准确，符合核算指南要求。")
        _dated(inventory, datetime(inventory.year + 1, 3, 25, 10, tzinfo=tz))
        concluded += 1
    latest = list(submitted.filter(year=years[-1]))
    for n, inventory in enumerate(latest):
        when = datetime(inventory.year + 1, 3, 28, 10, tzinfo=tz)
        if inventory.enterprise_id == steel_id:
            line = _line(inventory, "coke")
            services.add_comment(inventory, admin, "焦炭消耗量较上年变化明显，请核对入库单并说明原因。", line.pk)
            services.return_to_reporter(inventory, admin, "请核对焦炭消耗量并补充证据文件后重新提交。")
        elif n % 4 == 1:
            services.accept(inventory, admin, "数据完整，提交核查。")
            if n % 8 == 1:
                services.add_comment(inventory, verifier, "请补充天然气计量表校准证书。", _line(inventory, "natural_gas").pk)
        else:
            continue
        _dated(inventory, when)
    return concluded
