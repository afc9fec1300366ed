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
