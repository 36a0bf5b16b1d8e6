"""The catalog's HTTP API (FastAPI; the event feed serialised with orjson)."""

from __future__ import annotations

import orjson
from fastapi import FastAPI, HTTPException, Response
from pydantic_settings import BaseSettings, SettingsConfigDict

from catalog._generated import MANIFEST, ProductIn
from catalog.db import Products, memory_engine
from contracts import Event, ProductPriced, encode


class CatalogSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CATALOG_")
    currency: str = "EUR"
    max_tags: int = 5


def create_app(
    products: Products | None = None, settings: CatalogSettings | None = None
) -> FastAPI:
    settings = settings or CatalogSettings()
    store = products or Products(memory_engine())
    app = FastAPI(title="catalog", version=str(MANIFEST["version"]))
    outbox: list[Event] = []
    app.state.outbox = outbox

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "service": str(MANIFEST["name"])}

    @app.put("/products/{sku}")
    def put_product(sku: str, product: ProductIn) -> ProductIn:
        if sku != product.sku:
            raise HTTPException(status_code=400, detail="sku in path and body differ")
        if len(product.tags) > settings.max_tags:
            raise HTTPException(status_code=422, detail=f"at most {settings.max_tags} tags")
        change = store.upsert(product)
        if change is not None:
            outbox.append(
                ProductPriced(sku=sku, price_cents=change.new_cents, currency=settings.currency)
            )
        return product

    @app.get("/products/{sku}")
    def get_product(sku: str) -> ProductIn:
        found = store.get(sku)
        if found is None:
            raise HTTPException(status_code=404, detail="no such product")
        return found

    @app.get("/products")
    def list_products(tag: str) -> list[ProductIn]:
        return store.by_tag(tag)

    @app.get("/events")
    def events() -> Response:
        body = orjson.dumps([encode(event) for event in outbox])
        return Response(content=body, media_type="application/json")

    return app
