import pytest
from fastapi.testclient import TestClient

from catalog._generated import MANIFEST
from catalog.app import CatalogSettings, create_app
from contracts import ProductPriced, decode

BOOK = {"sku": "BOOK-1", "name": "A book", "price_cents": 1250, "tags": ["paper", "new"]}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(settings=CatalogSettings(currency="USD", max_tags=2)))


def test_manifest_lists_the_locked_runtime_dependencies() -> None:
    deps = MANIFEST["dependencies"]
    assert {"fastapi", "sqlalchemy", "alembic", "orjson", "framework", "contracts"} <= set(deps)
    assert "pytest" not in deps


def test_put_then_get_and_list_by_tag(client: TestClient) -> None:
    assert client.put("/products/BOOK-1", json=BOOK).status_code == 200
    assert client.get("/products/BOOK-1").json() == BOOK
    assert [p["sku"] for p in client.get("/products", params={"tag": "paper"}).json()] == ["BOOK-1"]
    assert client.get("/products", params={"tag": "none"}).json() == []


def test_a_price_change_is_published(client: TestClient) -> None:
    client.put("/products/BOOK-1", json=BOOK)
    assert client.get("/events").json() == []
    client.put("/products/BOOK-1", json={**BOOK, "price_cents": 990})
    (payload,) = client.get("/events").json()
    event = decode(payload)
    assert isinstance(event, ProductPriced)
    assert (event.sku, event.price_cents, event.currency) == ("BOOK-1", 990, "USD")


def test_bad_requests(client: TestClient) -> None:
    assert client.get("/products/NOPE").status_code == 404
    assert client.put("/products/OTHER", json=BOOK).status_code == 400
    too_many = {**BOOK, "tags": ["a", "b", "c"]}
    assert client.put("/products/BOOK-1", json=too_many).status_code == 422
