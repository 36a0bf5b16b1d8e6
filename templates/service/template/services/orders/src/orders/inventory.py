"""Client of the inventory service (HTTP, with httpx)."""

from __future__ import annotations

import httpx


class InventoryError(RuntimeError):
    pass


class InventoryClient:
    def __init__(self, base_url: str, transport: httpx.BaseTransport | None = None) -> None:
        self._client = httpx.Client(base_url=base_url, transport=transport, timeout=5.0)

    def reserve(self, sku: str, quantity: int) -> bool:
        """True when the stock was reserved, False when there is not enough."""
        response = self._client.post("/reservations", json={"sku": sku, "quantity": quantity})
        if response.status_code == 409:
            return False
        if response.is_error:
            raise InventoryError(f"inventory answered {response.status_code}")
        return bool(response.json().get("reserved", False))

    def close(self) -> None:
        self._client.close()
