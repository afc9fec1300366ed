"""What differs between the task backends (django.tasks): the database backend (default) and RQ on Redis.

django-tasks-rq is written against the django-tasks backport, whose signals are its own: the reaper that runs before
every task (common/jobs.py) is connected to both. Leases, the reaper and the time/memory limits live on our rows
(uploads, reports), so they work the same on either backend."""

from django.conf import settings

from parkcarbon.config.production import RQ_BACKEND


def backend_path() -> str:
    return settings.TASKS["default"]["BACKEND"]


def uses_rq() -> bool:
    return backend_path() == RQ_BACKEND


def connect_signals() -> None:
    if not uses_rq():
        return
    from django_tasks.signals import task_started

    from parkcarbon.common import jobs

    task_started.connect(jobs.on_task_started, dispatch_uid="parkcarbon-reap-before-rq-task")


def ping() -> None:
    """Raise unless the task queue is reachable (readiness)."""
    path = backend_path()
    if path == RQ_BACKEND:
        import django_rq

        django_rq.get_connection("default").ping()
    elif path.startswith("django_tasks_db."):
        from django_tasks_db.models import DBTaskResult

        list(DBTaskResult.objects.order_by().values_list("pk", flat=True)[:1])


def waiting(task) -> bool:
    """Is a run of ``task`` already queued or scheduled (so housekeeping is not chained twice)?"""
    from django.tasks import TaskResultStatus

    if uses_rq():
        import django_rq
        from rq.registry import ScheduledJobRegistry

        queue = django_rq.get_queue(task.queue_name)
        ids = list(queue.get_job_ids()) + list(ScheduledJobRegistry(queue=queue).get_job_ids())
        return any(job is not None and job.func_name == task.module_path for job in queue.job_class.fetch_many(
            ids, connection=queue.connection))
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path).exists()
