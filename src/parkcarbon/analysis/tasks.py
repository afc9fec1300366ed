"""The baseline forecast of every enterprise of a park, as one background task (Django Tasks), timed."""

from __future__ import annotations

import time
from collections import defaultdict

from django.db.models import FloatField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.tasks import task

from parkcarbon.analysis import forecast
from parkcarbon.analysis.models import ForecastRun
from parkcarbon.analysis.planning import _finite, latest_run
from parkcarbon.inventory.models import EDITABLE_STATUSES, ResultSnapshot


def enterprise_series(run: ForecastRun) -> dict[int, tuple[str, dict[int, float]]]:
    """{enterprise id: (name, {year: t CO2e in the park's GWP set})} in one query."""
    park = run.park
    snapshots = ResultSnapshot.objects.filter(inventory__park=park, inventory__enterprise__isnull=False)
    if not run.include_drafts:
        snapshots = snapshots.exclude(inventory__status__in=EDITABLE_STATUSES)
    series: dict[int, tuple[str, dict[int, float]]] = defaultdict(lambda: ("", {}))
    for ent, name, year, co2e in snapshots.values_list(
            "inventory__enterprise_id", "inventory__enterprise__name", "inventory__year",
            Cast(KT(f"gas_tonnes__gwp__{park.gwp_set}"), FloatField())).order_by("inventory__year"):
        series[ent] = (name, series[ent][1] | {year: co2e or 0.0})
    return series


def forecast_enterprise(years: list[int], values: list[float], end_year: int) -> dict:
    years, values, skipped = latest_run(years, values)
    row = {"years": years, "values": [round(v, 3) for v in values], "skipped": skipped}
    if len(years) < forecast.MIN_YEARS:
        return row | {"too_short": True}
    b = forecast.baseline(years, values, end_year)
    p = forecast.peak(years + b.years, values + b.projection.mean)
    return row | {"method": b.method, "mae": round(b.chosen.mae, 3), "mape": b.chosen.mape,
                  "forecast_years": b.years, "mean": [round(v, 3) for v in b.projection.mean],
                  "lower": [_finite(v) for v in b.projection.lower], "upper": [_finite(v) for v in b.projection.upper],
                  "peak_year": p.year, "peak_value": round(p.value, 3), "peak_reached": p.reached}


def run_forecast(run: ForecastRun) -> ForecastRun:
    started = time.perf_counter()
    run.state = ForecastRun.State.RUNNING
    run.save(update_fields=["state"])
    try:
        series = enterprise_series(run)
        results = []
        for ent, (name, by_year) in sorted(series.items(), key=lambda kv: kv[1][0]):
            results.append({"enterprise": ent, "name": name,
                            **forecast_enterprise(list(by_year), list(by_year.values()), run.end_year)})
    except Exception as exc:  # noqa: BLE001 - the run row says what failed; the worker goes on
        run.state, run.error = ForecastRun.State.FAILED, str(exc)[:300]
    else:
        run.state, run.results = ForecastRun.State.DONE, results
        run.n_enterprises, run.n_forecast = len(results), sum("method" in r for r in results)
    run.seconds = time.perf_counter() - started
    run.save()
    return run


@task
def forecast_park(run_id: int) -> float | None:
    """Forecast every enterprise of the run's park; returns the seconds it took."""
    run = ForecastRun.objects.select_related("park").get(pk=run_id)
    return run_forecast(run).seconds
