"""Background restatement of a park's series of years (Django Tasks; see common/jobs.py). The task holds a lease on
its row renewed by a heartbeat, so a worker that dies leaves a row the reaper marks failed."""

from django.tasks import task

from parkcarbon.common import jobs
from parkcarbon.releases.models import SeriesRestatement, SeriesState
from parkcarbon.releases.services import run_series


@task
def restate_series(series_id: int) -> str:
    if not jobs.take_lease(SeriesRestatement.objects.filter(status=SeriesState.QUEUED, lease_until__isnull=True),
                           series_id):
        return "skipped"  # taken by another worker, reaped, or deleted
    try:
        with jobs.Heartbeat(SeriesRestatement, series_id), jobs.limits():
            series = run_series(series_id)
    except BaseException as exc:
        SeriesRestatement.objects.filter(pk=series_id).update(
            status=SeriesState.FAILED, failure=jobs.failure_of(f"{type(exc).__name__}: {exc}"),
            error=f"{type(exc).__name__}: {exc}"[:2000], lease_until=None)
        raise
    return series.status
