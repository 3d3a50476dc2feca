"""The scheduled jobs, as one list (docs/architecture.md, "Scheduled jobs").

The scheduler service runs ``manage.py run_scheduled --loop``; a host without it runs
``manage.py run_scheduled`` every minute from cron or a systemd timer. Either way each job runs
when its interval has passed since it last started, on one host only: starting a job moves its
``ScheduledRun.started_at`` forward in one conditional UPDATE, which only one process wins.

Jobs are management commands, named here (core imports no app above it).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError
from django.db.models import Q
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta
    command: tuple[str, ...]
    purpose: str
    # A setting that must be true-ish for the job to make sense here.
    needs: str = ""
    options: dict = field(default_factory=dict)

    def applies(self) -> bool:
        if self.needs == "database_tasks":
            backend = settings.TASKS.get("default", {}).get("BACKEND", "")
            return backend == "django_tasks_db.DatabaseBackend"
        return not self.needs or bool(getattr(settings, self.needs, ""))


JOBS = (
    Job(
        "publish_scheduled",
        MINUTE,
        ("publish_scheduled",),
        "publish pages and items whose go-live time has come, unpublish expired ones",
    ),
    Job(
        "send_reminders",
        HOUR,
        ("send_reminders",),
        "pickup and return reminders, overdue notices, mails no worker sent, expired offers",
    ),
    Job("clearsessions", DAY, ("clearsessions",), "remove expired log-in sessions"),
    Job(
        "prune_task_results",
        DAY,
        ("prune_db_task_results", "--min-age-days", "7"),
        "remove background-task results older than a week",
        needs="database_tasks",
    ),
    Job(
        "prune_login_records",
        DAY,
        ("axes_reset_logs", "--age", "90"),
        "remove log-in records (django-axes) older than 90 days",
    ),
    Job(
        "prune_login_failures",
        DAY,
        ("axes_reset_failure_logs", "--age", "30"),
        "remove failed log-in records older than 30 days",
    ),
    Job(
        "search_index_check",
        HOUR,
        ("catalogue_index", "status"),
        "check that the Elasticsearch index answers and holds the catalogue",
        needs="ELASTICSEARCH_URL",
    ),
)


def by_name(name: str) -> Job | None:
    return next((job for job in JOBS if job.name == name), None)


def claim(job: Job, now: datetime.datetime, *, force: bool = False) -> bool:
    """Start the job's period: True for the one process that may run it now."""
    with contextlib.suppress(IntegrityError):  # another process created it at the same moment
        ScheduledRun.objects.get_or_create(name=job.name)
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - job.every)
    rows = ScheduledRun.objects.filter(name=job.name)
    if not force:
        rows = rows.filter(due)
    return rows.update(started_at=now) == 1


def run(job: Job, out=None) -> bool:
    """Run one job; True when it succeeded. A failure is logged, never raised."""
    output = io.StringIO()
    started = timezone.now()
    try:
        call_command(*job.command, stdout=output, stderr=output)
        succeeded = True
    except Exception:
        logger.exception("Scheduled job %s failed", job.name)
        succeeded = False
    ScheduledRun.objects.filter(name=job.name).update(
        finished_at=timezone.now(), succeeded=succeeded
    )
    seconds = (timezone.now() - started).total_seconds()
    summary = " ".join(output.getvalue().split())[:300]
    logger.info(
        "Scheduled job %s %s in %.1f s: %s",
        job.name,
        "done" if succeeded else "FAILED",
        seconds,
        summary,
    )
    if out is not None:
        out.write(f"{job.name}: {'done' if succeeded else 'FAILED'} in {seconds:.1f} s {summary}")
    return succeeded


def run_due(now=None, out=None) -> dict[str, bool]:
    """Run every job that is due and not taken by another process: {name: succeeded}."""
    now = now or timezone.now()
    return {job.name: run(job, out) for job in JOBS if job.applies() and claim(job, now)}
