"""Reading a guideline calculation's result in tests: the total of one of the guideline's categories."""


def category(result, name: str, column: str = "co2e") -> float:
    """The sum of ``column`` (t CO2e by default, or a gas's tonnes) over the lines of guideline category ``name``."""
    return float(result.lines.loc[result.lines["guideline_category"] == name, column].sum())
