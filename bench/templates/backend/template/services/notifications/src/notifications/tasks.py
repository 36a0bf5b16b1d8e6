"""The Celery app and its task: render an e-mail and hand it to the mail relay, with retries."""

from __future__ import annotations

import os
from collections.abc import Callable

from celery import Celery
from ratelimit import limits
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_none

from contracts import EmailRequested, decode
from notifications._generated import Email
from notifications.render import render

app = Celery("notifications", broker=os.environ.get("NOTIFICATIONS_BROKER", "redis://localhost"))
app.conf.update(task_serializer="json", accept_content=["json"], task_always_eager=True)


class RelayUnavailableError(ConnectionError):
    """The mail relay did not take the message; worth another try."""


Relay = Callable[[Email], None]
_outbox: list[Email] = []


def _default_relay(email: Email) -> None:
    _outbox.append(email)


def rate_limited(relay: Relay, calls: int, seconds: float) -> Relay:
    """The relay, refusing (ratelimit.RateLimitException) more than `calls` e-mails per period."""
    limited: Relay = limits(calls=calls, period=seconds)(relay)
    return limited


def deliver(email: Email, relay: Relay = _default_relay, attempts: int = 3) -> None:
    """Hand the e-mail to the relay, trying again when it is unavailable."""
    sender = retry(
        retry=retry_if_exception_type(RelayUnavailableError),
        stop=stop_after_attempt(attempts),
        wait=wait_none(),
        reraise=True,
    )(relay)
    sender(email)


@app.task(name="notifications.send")
def send(payload: dict[str, object]) -> str:
    event = decode(payload)
    if not isinstance(event, EmailRequested):
        raise TypeError(f"expected an e-mail request, got {type(event).__name__}")
    email = render(event.template, event.to, event.context)
    deliver(email)
    return email.subject
