"""Readable change history for detail pages, from django-simple-history records."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    kind: str
    changes: list[tuple[str, object, object]]  # (field label, old, new)


def history_entries(obj, limit: int = 25) -> list[HistoryEntry]:
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for record, previous in zip(records, records[1:] + [None], strict=True):
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous, excluded_fields=["updated_at"]).changes:
                field = obj._meta.get_field(change.field)
                changes.append((field.verbose_name, _in_words(field, change.old), _in_words(field, change.new)))
        entries.append(
            HistoryEntry(record.history_date, record.history_user, KINDS[record.history_type], changes)
        )
    return entries[:limit]


def _in_words(field, value):
    """A value of a field with choices (a status) as its label, never its code; other values as they are."""
    if not field.choices or isinstance(value, (list, dict)):
        return value
    return dict(field.flatchoices).get(value, value)
