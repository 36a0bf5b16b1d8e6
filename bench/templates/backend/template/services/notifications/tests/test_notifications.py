import pytest
from jinja2 import UndefinedError
from ratelimit import RateLimitException

from contracts import EmailRequested, ProductPriced, encode
from notifications._generated import Email
from notifications.render import render
from notifications.tasks import (
    RelayUnavailableError,
    _outbox,
    deliver,
    rate_limited,
    send,
)


def test_render_escapes_the_context() -> None:
    email = render("welcome", "ada@example.com", {"name": "<Ada>", "email": "ada@example.com"})
    assert email.subject == "Welcome, &lt;Ada&gt;"
    assert "&lt;Ada&gt;" in email.body and "<p>" in email.body


def test_the_style_is_minified_into_the_body() -> None:
    email = render("price", "ada@example.com", {"sku": "B", "price": "1.00 EUR"})
    assert email.body.startswith("<style>p{margin:0 0 12px 0;font-family:")
    assert "b{color:#222}</style><p>" in email.body


def test_render_needs_every_variable() -> None:
    with pytest.raises(UndefinedError):
        render("price", "ada@example.com", {"sku": "BOOK-1"})


def test_send_task_runs_eagerly() -> None:
    request = EmailRequested(
        to="ada@example.com", template="price", context={"sku": "B", "price": "9.90 EUR"}
    )
    result = send.delay(encode(request))
    assert result.get() == "B now costs 9.90 EUR"
    assert _outbox[-1].to == "ada@example.com"


def test_send_refuses_other_events() -> None:
    with pytest.raises(TypeError):
        send.apply(args=(encode(ProductPriced(sku="B", price_cents=1)),)).get()


def test_deliver_retries_an_unavailable_relay() -> None:
    calls: list[Email] = []

    def flaky(email: Email) -> None:
        calls.append(email)
        if len(calls) < 3:
            raise RelayUnavailableError("busy")

    deliver(Email(to="a@b.c", subject="s", body="b"), relay=flaky)
    assert len(calls) == 3


def test_deliver_gives_up_after_its_attempts() -> None:
    def down(email: Email) -> None:
        raise RelayUnavailableError("down")

    with pytest.raises(RelayUnavailableError):
        deliver(Email(to="a@b.c", subject="s", body="b"), relay=down, attempts=2)


def test_the_relay_can_be_rate_limited() -> None:
    sent: list[Email] = []
    relay = rate_limited(sent.append, calls=2, seconds=60)
    email = Email(to="a@b.c", subject="s", body="b")
    relay(email)
    relay(email)
    with pytest.raises(RateLimitException):
        relay(email)
    assert len(sent) == 2
