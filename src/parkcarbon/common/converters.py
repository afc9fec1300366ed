"""URL path converters: a parameter outside its range does not match, so the URL is a 404, never a 500."""


class ReportingYearConverter:
    """A reporting year, 2005-2100 (the range the inventory form accepts)."""

    regex = "[0-9]{4}"
    low, high = 2005, 2100

    def to_python(self, value: str) -> int:
        year = int(value)
        if not self.low <= year <= self.high:
            raise ValueError(f"reporting year {year} outside {self.low}-{self.high}")
        return year

    def to_url(self, value) -> str:
        return f"{int(value):04d}"


def int_param(value, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """A query parameter as an int, or None unless it is plain ASCII digits within [low, high]. ``str.isdigit``
    alone lets "²" through to ``int()`` (a 500) and huge values through to the database."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        return None
    number = int(text)
    return number if low <= number <= high else None


def year_param(value) -> int | None:
    return int_param(value, ReportingYearConverter.low, ReportingYearConverter.high)
