"""Raise a park's data version whenever its figures may change (see ``models.DataVersion``)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from parkcarbon.benchmarking.models import ProductOutput
from parkcarbon.inventory.models import Inventory, ResultSnapshot
from parkcarbon.parks.models import Enterprise, Park, Zone


def bump(park_id: int | None, structure: bool = False) -> None:
    """Raise the park's counter, and its ``structure`` counter too when the park's own rows changed."""
    from parkcarbon.analysis.models import DataVersion

    if park_id is None:
        return
    raised = {"counter": F("counter") + 1, **({"structure": F("structure") + 1} if structure else {})}
    if not DataVersion.objects.filter(park_id=park_id).update(**raised):
        DataVersion.objects.get_or_create(park_id=park_id)
        DataVersion.objects.filter(park_id=park_id).update(**raised)


@receiver([post_save, post_delete], sender=ResultSnapshot)
def snapshot_changed(sender, instance, **kwargs):
    park_id = Inventory.objects.filter(pk=instance.inventory_id).values_list("park_id", flat=True).first()
    bump(park_id)


@receiver([post_save, post_delete], sender=ProductOutput)  # the intensity per unit of product
def output_changed(sender, instance, **kwargs):
    snapshot_changed(sender, instance)


@receiver(pre_save, sender=Inventory)
@receiver(pre_save, sender=Enterprise)
@receiver(pre_save, sender=Zone)
def remember_park(sender, instance, **kwargs):
    """A row moved to another park changes the park it left as well: remember that park before saving."""
    if instance.pk:
        instance._park_before = sender.objects.filter(pk=instance.pk).values_list("park_id", flat=True).first()


def _park_left(instance) -> int | None:
    before = getattr(instance, "_park_before", None)
    return before if before != instance.park_id else None


@receiver([post_save, post_delete], sender=Inventory)
def row_changed(sender, instance, **kwargs):
    bump(instance.park_id)
    bump(_park_left(instance))


@receiver([post_save, post_delete], sender=Enterprise)
@receiver([post_save, post_delete], sender=Zone)
def park_row_changed(sender, instance, **kwargs):
    bump(instance.park_id, structure=True)
    bump(_park_left(instance), structure=True)


@receiver(post_save, sender=Park)
def park_changed(sender, instance, **kwargs):
    bump(instance.pk, structure=True)
