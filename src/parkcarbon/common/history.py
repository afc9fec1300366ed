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
    """A value of a field with choices (a status) as its label, never its code; assignments (many-to-many) as the
    names of what is assigned; other values as they are."""
    if field.many_to_many:
        return _assigned_names(field, value)
    shown = getattr(field.model, "history_value", None)  # a model's own words for a value (codes in a list)
    if shown is not None and (words := shown(field.name, value)) is not None:
        return words
    if not field.choices or isinstance(value, (list, dict)):
        return value
    return dict(field.flatchoices).get(value, value)


def _assigned_names(field, rows):
    """simple-history records a many-to-many field as its through rows ([{'agency': 1, 'park': 3}]); name the
    targets instead. The base manager is used because a target may since have left the viewer's scope; one that no
    longer exists shows its number."""
    key = field.m2m_reverse_field_name()
    ids = [row[key] for row in rows or [] if row.get(key) is not None]
    names = {obj.pk: str(obj) for obj in field.related_model._base_manager.filter(pk__in=ids)}
    return ", ".join(names.get(pk, f"#{pk}") for pk in ids)
