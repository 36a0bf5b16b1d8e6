"""Client of the payment gateway (HTTP, with requests)."""

from __future__ import annotations

import requests

from billing.invoice import Invoice


class PaymentError(RuntimeError):
    pass


class PaymentGateway:
    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = session or requests.Session()

    def charge(self, invoice: Invoice, token: str) -> str:
        """Charge the invoice's gross amount; returns the gateway's payment id."""
        gross = invoice.gross()
        response = self.session.post(
            f"{self.base_url}/charges",
            json={
                "reference": invoice.number,
                "amount": str(gross.amount),
                "currency": gross.currency,
                "token": token,
            },
            timeout=10,
        )
        if response.status_code == 402:
            raise PaymentError(f"payment declined for {invoice.number}")
        response.raise_for_status()
        return str(response.json()["id"])
