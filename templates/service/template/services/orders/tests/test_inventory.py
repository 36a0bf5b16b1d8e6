import json

import httpx
import pytest

from orders.inventory import InventoryClient, InventoryError


def make_client(status: int, body: dict | None = None) -> tuple[InventoryClient, list]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, json=body or {})

    client = InventoryClient("http://inventory.test", transport=httpx.MockTransport(handler))
    return client, seen


def test_reserve_posts_the_sku_and_quantity() -> None:
    client, seen = make_client(200, {"reserved": True})
    assert client.reserve("BOOK-1", 2) is True
    assert seen[0].url.path == "/reservations"
    assert json.loads(seen[0].content) == {"sku": "BOOK-1", "quantity": 2}
    client.close()


def test_conflict_means_not_enough_stock() -> None:
    client, _ = make_client(409)
    assert client.reserve("BOOK-1", 99) is False


def test_server_errors_raise() -> None:
    client, _ = make_client(503)
    with pytest.raises(InventoryError, match="503"):
        client.reserve("BOOK-1", 1)
