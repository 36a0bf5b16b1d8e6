"""The orders HTTP API."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException

from framework import Settings
from orders._manifest import MANIFEST
from orders.db import Repository
from orders.models import OrderIn, OrderOut


def create_app(repository: Repository | None = None, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings(prefix="orders")
    repo = repository or Repository(settings.get("database_url", "sqlite://"))
    max_lines = settings.get_int("max_lines", 50)
    app = FastAPI(title="orders", version=str(MANIFEST["version"]))

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "service": str(MANIFEST["name"]), "version": app.version}

    @app.post("/orders", status_code=201)
    def create_order(order: OrderIn) -> OrderOut:
        if len(order.lines) > max_lines:
            raise HTTPException(status_code=422, detail=f"at most {max_lines} lines")
        return repo.add(order)

    @app.get("/orders/{order_id}")
    def get_order(order_id: int) -> OrderOut:
        found = repo.get(order_id)
        if found is None:
            raise HTTPException(status_code=404, detail="no such order")
        return found

    @app.get("/orders")
    def list_orders(customer: str | None = None) -> list[OrderOut]:
        return repo.list(customer)

    return app
