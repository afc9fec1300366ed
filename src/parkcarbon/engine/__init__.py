"""ParkCarbon accounting engine: a pure calculation core (no Django).

>>> from parkcarbon.engine import calculate, Options
>>> result = calculate([{"activity": "natural_gas", "amount": 100, "unit": "10^4 Nm3"}],
...                    Options(year=2023, region="CN-JS"))
>>> round(result.total_co2e, 1)
2164.3
"""

from parkcarbon.engine.calculate import DEFAULT_GWP, GWP_SETS, Options, calculate
from parkcarbon.engine.errors import DataFileError, EngineError, InputError, Problem, UnitError
from parkcarbon.engine.factor_releases import Release, releases
from parkcarbon.engine.library import Library, load_library
from parkcarbon.engine.result import Result, combine_sum

__all__ = [
    "DEFAULT_GWP", "GWP_SETS", "DataFileError", "EngineError", "InputError", "Library", "Options", "Problem",
    "Release", "Result", "UnitError", "calculate", "combine_sum", "load_library", "releases",
]
