"""``manage.py run_scheduled [--loop] [--list] [--job NAME]``: the jobs of core/scheduled.py.

Without options it runs the jobs that are due and exits (cron or a systemd timer, every
minute). ``--loop`` keeps doing so every ``--interval`` seconds until stopped (the scheduler
service). ``--job NAME`` runs one job now, due or not. ``--list`` shows the jobs and their runs.
"""

import signal
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core import scheduled
from core.models import ScheduledRun


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due (publishing, reminders, clean-ups)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running (the scheduler)")
        parser.add_argument(
            "--interval", type=int, default=30, help="seconds between checks with --loop"
        )
        parser.add_argument("--job", metavar="NAME", help="run this job now, due or not")
        parser.add_argument("--list", action="store_true", help="list the jobs and their runs")

    def handle(self, *args, loop=False, interval=30, job=None, list=False, **options):
        if interval < 1:
            raise CommandError("--interval takes a number of seconds, 1 or more.")
        if list:
            return self.list_jobs()
        if job:
            return self.run_one(job)
        if not loop:
            results = scheduled.run_due(out=self.stdout)
            if not results:
                self.stdout.write("Nothing is due.")
            if not all(results.values()):
                raise CommandError("A scheduled job failed; see the log.")
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.stdout.write(f"Scheduler running, checking every {interval} s.")
        while not self.stopping:
            scheduled.run_due()  # each run is logged
            for _ in range(interval):
                if self.stopping:
                    break
                time.sleep(1)
        self.stdout.write("Scheduler stopped.")

    def stop(self, *args):
        self.stopping = True

    def run_one(self, name):
        job = scheduled.by_name(name)
        if job is None:
            names = ", ".join(job.name for job in scheduled.JOBS)
            raise CommandError(f"There is no job {name!r}; the jobs are: {names}.")
        scheduled.claim(job, timezone.now(), force=True)
        if not scheduled.run(job, self.stdout):
            raise CommandError(f"The job {name} failed; see the log.")

    def list_jobs(self):
        runs = {run.name: run for run in ScheduledRun.objects.all()}
        for job in scheduled.JOBS:
            run = runs.get(job.name)
            last = (
                run.started_at.isoformat(timespec="seconds") if run and run.started_at else "never"
            )
            state = "" if job.applies() else " (not used with these settings)"
            self.stdout.write(
                f"{job.name:<22} every {job.every}  last started {last}{state}\n"
                f"    {' '.join(job.command)}: {job.purpose}"
            )
