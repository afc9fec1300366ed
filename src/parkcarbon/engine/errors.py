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
    """One problem with one input row; `column` is the input field's name."""

    row: str
    column: str
    message: str
    sheet: str | None = None

    def __str__(self) -> str:
        where = f"sheet {self.sheet!r}, " if self.sheet else ""
        return f"{where}row {self.row}, column {self.column!r}: {self.message}"


@dataclass
class InputError(EngineError):
    """The activity data cannot be computed; `problems` lists every offending row, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.problems)} problem(s) in the activity data"
        return head + ":\n" + "\n".join(f"  - {p}" for p in self.problems[:50])
