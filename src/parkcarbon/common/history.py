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


def _in_words(shown: dict, value):
    """A choice's label; a value that cannot be a single choice (a list of them, e.g. an agency's roles) as is."""
    try:
        return shown.get(value, value)
    except TypeError:
        return value


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
                shown = dict(field.flatchoices) if field.choices else {}  # a status in words, never its code
                changes.append((field.verbose_name, _in_words(shown, change.old), _in_words(shown, change.new)))
        entries.append(
            HistoryEntry(record.history_date, record.history_user, KINDS[record.history_type], changes)
        )
    return entries[:limit]
