"""Evaluate the rules wherever an inventory changes: its stored result (every line save, upload confirmation,
recalculation) and the inventory row itself (submission, basic information such as output value). The next
year's inventory of the same entity is evaluated too: its change against this year depends on this one."""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from parkcarbon.alerts import services
from parkcarbon.inventory.models import Inventory, ResultSnapshot


def _evaluate_with_successor(inventory: Inventory) -> None:
    services.evaluate(inventory)
    successor = Inventory.objects.filter(park=inventory.park_id, enterprise=inventory.enterprise_id,
                                         year=inventory.year + 1).first()
    if successor is not None:
        services.evaluate(successor)


@receiver(post_save, sender=ResultSnapshot)
def snapshot_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _evaluate_with_successor(Inventory.objects.select_related("enterprise").get(pk=instance.inventory_id))


@receiver(post_delete, sender=ResultSnapshot)
def snapshot_deleted(sender, instance, origin=None, **kwargs):
    # Only a snapshot removed for lack of data; not one deleted with its inventory (its alerts go with it).
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    if model is ResultSnapshot:
        inventory = Inventory.objects.select_related("enterprise").filter(pk=instance.inventory_id).first()
        if inventory is not None:
            _evaluate_with_successor(inventory)


@receiver(post_save, sender=Inventory)
def inventory_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:  # a new inventory has no data to evaluate yet
        _evaluate_with_successor(instance)
