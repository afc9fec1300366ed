"""Shared model base: every ParkCarbon domain model keeps timestamps and a change history."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TrackedModel(models.Model):
    """Abstract base: created/updated timestamps plus django-simple-history (who, when, what).

    `inherit=True` gives every concrete subclass its own Historical<Model> table; the user comes from
    simple_history's HistoryRequestMiddleware, so views need not pass it explicitly.
    """

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
