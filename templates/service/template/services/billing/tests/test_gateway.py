import json

import pytest
import requests
from requests.adapters import BaseAdapter

from billing.gateway import PaymentError, PaymentGateway
from billing.invoice import Invoice


class FakeAdapter(BaseAdapter):
    """Answers every request with a fixed status and body, remembering the requests."""

    def __init__(self, status: int, body: dict) -> None:
        super().__init__()
        self.status, self.body, self.requests = status, body, []

    def send(self, request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        self.requests.append(request)
        response = requests.Response()
        response.status_code = self.status
        response._content = json.dumps(self.body).encode()
        response.request = request
        response.url = request.url
        return response

    def close(self) -> None:
        pass


def gateway(status: int, body: dict) -> tuple[PaymentGateway, FakeAdapter]:
    adapter = FakeAdapter(status, body)
    session = requests.Session()
    session.mount("https://", adapter)
    return PaymentGateway("https://pay.example/", session), adapter


def test_charge_sends_the_gross_amount(invoice: Invoice) -> None:
    gw, adapter = gateway(201, {"id": "pay_123"})
    assert gw.charge(invoice, "tok") == "pay_123"
    sent = json.loads(adapter.requests[0].body)
    assert adapter.requests[0].url == "https://pay.example/charges"
    assert sent == {"reference": "2024-0001", "amount": "411.20", "currency": "EUR", "token": "tok"}


def test_declined(invoice: Invoice) -> None:
    gw, _ = gateway(402, {})
    with pytest.raises(PaymentError, match="declined"):
        gw.charge(invoice, "tok")


def test_server_error(invoice: Invoice) -> None:
    gw, _ = gateway(500, {})
    with pytest.raises(requests.HTTPError):
        gw.charge(invoice, "tok")
