import pytest
from fastapi.testclient import TestClient

from accounts.app import AccountsSettings, create_app
from contracts import UserRegistered

ADA = {"email": "ada@example.com", "display_name": "Ada", "password": "analytical"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(
        create_app(AccountsSettings(secret="a-test-secret-of-at-least-32-bytes", bcrypt_rounds=4))
    )


def test_register_log_in_and_who_am_i(client: TestClient) -> None:
    created = client.post("/users", json=ADA)
    assert created.status_code == 201
    user = created.json()
    assert user == {"id": 1, "email": "ada@example.com", "display_name": "Ada"}
    (event,) = client.app.state.outbox
    assert isinstance(event, UserRegistered) and event.user_id == 1

    login = client.post("/sessions", params={"email": ADA["email"], "password": "analytical"})
    token = login.json()["access_token"]
    me = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json() == user


def test_refusals(client: TestClient) -> None:
    client.post("/users", json=ADA)
    assert client.post("/users", json=ADA).status_code == 409
    assert client.post("/users", json={**ADA, "email": "not-an-email"}).status_code == 422
    assert client.post("/users", json={**ADA, "email": "ADA@example.com"}).status_code == 409
    wrong = client.post("/sessions", params={"email": ADA["email"], "password": "nope-nope"})
    assert wrong.status_code == 401
    assert client.get("/me").status_code == 401
    assert client.get("/me", headers={"Authorization": "Bearer junk"}).status_code == 401
