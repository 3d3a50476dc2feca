"""A test client whose requests end as a real request does: what waits for the commit (the
outbox sending the sign-up and password mails, lending/mail.py) runs when the response is
ready. pytest-django wraps each test in a transaction that is never committed."""

from django.test import Client, TestCase


class CommittingClient(Client):
    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
