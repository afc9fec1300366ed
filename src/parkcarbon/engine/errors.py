"""Domain errors. Each names the place of the problem so a park user can find and fix it."""

from dataclasses import dataclass, field


class EngineError(Exception):
    """Base class for every error the accounting engine raises."""


class DataFileError(EngineError):
    """A factor, unit, GWP or activity data file is invalid (names the file and line)."""


class UnitError(EngineError):
    """A unit is unknown or cannot be converted to the unit needed."""


@dataclass
class Problem:
    """One problem with one input row; `column` is the input field's name. ``message`` is English;
    ``message_zh`` the same in Simplified Chinese where the engine has it (``text(language)`` picks)."""

    row: str
    column: str
    message: str
    sheet: str | None = None
    message_zh: str = ""

    def text(self, language: str | None) -> str:
        return self.message_zh if self.message_zh and (language or "").lower().startswith("zh") else self.message

    def __str__(self) -> str:
        where = f"sheet {self.sheet!r}, " if self.sheet else ""
        return f"{where}row {self.row}, column {self.column!r}: {self.message}"


def bilingual(en: str, zh: str) -> tuple[str, str]:
    """A message in English and Simplified Chinese, for ``Problem(message=..., message_zh=...)``."""
    return en, zh


@dataclass
class InputError(EngineError):
    """The activity data cannot be computed; `problems` lists every offending row, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the activity data"
        return head + ":\n" + "\n".join(f"  - {p}" for p in self.problems[:50])
