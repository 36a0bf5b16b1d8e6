import pytest
from fastapi.testclient import TestClient

from framework import Settings
from orders._manifest import MANIFEST
from orders.app import create_app


@pytest.fixture
def client() -> TestClient:
    settings = Settings(prefix="orders", environ={"ORDERS_MAX_LINES": "2"})
    return TestClient(create_app(settings=settings))


ORDER = {
    "customer": "ada",
    "lines": [
        {"sku": "book-1", "quantity": 2, "unit_price": "12.50"},
        {"sku": "PEN", "quantity": 3, "unit_price": "0.99"},
    ],
}


def test_health_reports_the_generated_manifest(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "service": "orders", "version": MANIFEST["version"]}


def test_manifest_lists_locked_runtime_dependencies() -> None:
    deps = MANIFEST["dependencies"]
    assert {"fastapi", "pydantic", "sqlalchemy", "httpx"} <= set(deps)
    assert "pytest" not in deps


def test_create_and_read_an_order(client: TestClient) -> None:
    created = client.post("/orders", json=ORDER)
    assert created.status_code == 201
    order = created.json()
    assert order["total"] == "27.97 EUR"
    assert [line["sku"] for line in order["lines"]] == ["BOOK-1", "PEN"]

    fetched = client.get(f"/orders/{order['id']}")
    assert fetched.status_code == 200
    assert fetched.json() == order


def test_list_orders_by_customer(client: TestClient) -> None:
    client.post("/orders", json=ORDER)
    client.post("/orders", json={**ORDER, "customer": "grace"})
    assert [o["customer"] for o in client.get("/orders").json()] == ["ada", "grace"]
    assert [o["customer"] for o in client.get("/orders?customer=grace").json()] == ["grace"]


def test_unknown_order_is_404(client: TestClient) -> None:
    assert client.get("/orders/999").status_code == 404


def test_invalid_orders_are_rejected(client: TestClient) -> None:
    assert client.post("/orders", json={**ORDER, "lines": []}).status_code == 422
    bad_line = {"sku": "X", "quantity": 0, "unit_price": "1.00"}
    assert client.post("/orders", json={**ORDER, "lines": [bad_line]}).status_code == 422
    too_many = {**ORDER, "lines": ORDER["lines"] * 2}
    response = client.post("/orders", json=too_many)
    assert response.status_code == 422
    assert response.json()["detail"] == "at most 2 lines"
