"""The scheduled jobs (core/scheduled.py, `manage.py run_scheduled`)."""

import datetime

import pytest

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import Page

from core import scheduled
from core.models import ScheduledRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_due():
    """A page saved as a draft whose go-live time has passed: the scheduler must publish it."""
    root = Page.objects.get(depth=1)
    page = root.add_child(
        instance=Page(title="Repair café in December", slug="december", live=False)
    )
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=2)
    revision.save()
    return page


def test_the_due_jobs_run_and_publish_a_page_whose_time_has_come(page_due):
    results = scheduled.run_due()
    page_due.refresh_from_db()
    assert page_due.live
    assert results["publish_scheduled"] is True
    assert results["send_reminders"] is True
    assert ScheduledRun.objects.get(name="publish_scheduled").succeeded is True


def test_a_job_runs_once_per_period_even_when_two_schedulers_ask():
    now = timezone.now()
    job = scheduled.by_name("send_reminders")
    assert scheduled.claim(job, now) is True
    # The second host, a second later: the job was started by the first.
    assert scheduled.claim(job, now + datetime.timedelta(seconds=1)) is False
    assert scheduled.claim(job, now + job.every) is True


def test_a_failing_job_is_logged_and_the_others_still_run(monkeypatch, caplog):
    broken = scheduled.Job("broken", scheduled.MINUTE, ("no_such_command",), "fails")
    monkeypatch.setattr(scheduled, "JOBS", (broken, scheduled.by_name("clearsessions")))
    results = scheduled.run_due()
    assert results == {"broken": False, "clearsessions": True}
    assert "Scheduled job broken failed" in caplog.text
    with pytest.raises(CommandError, match="A scheduled job failed"):
        ScheduledRun.objects.all().delete()
        call_command("run_scheduled")


def test_jobs_that_do_not_apply_are_left_out(settings):
    settings.ELASTICSEARCH_URL = ""
    results = scheduled.run_due()
    assert "search_index_check" not in results
    assert "prune_task_results" not in results  # the immediate task backend keeps no results


def test_the_command_names_an_unknown_job_and_refuses_a_bad_interval():
    with pytest.raises(CommandError, match="There is no job 'nope'; the jobs are: publish_sch"):
        call_command("run_scheduled", job="nope")
    with pytest.raises(CommandError, match="--interval takes a number of seconds"):
        call_command("run_scheduled", loop=True, interval=0)
