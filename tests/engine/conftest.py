import pytest

from parkcarbon.engine import Options, calculate


@pytest.fixture
def calc():
    """calculate(rows, year=..., region=..., **options) with the default library."""

    def run(rows, year=2022, region="CN-JS", **kw):
        return calculate(rows, Options(year=year, region=region, **kw))

    return run
