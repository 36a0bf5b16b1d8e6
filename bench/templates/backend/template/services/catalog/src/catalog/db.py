"""Products stored with SQLAlchemy; the schema itself is Alembic's (see migrations/)."""

from __future__ import annotations

from sqlalchemy import JSON, String, create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.pool import StaticPool

from catalog._generated import PriceChange, ProductIn


class Base(DeclarativeBase):
    pass


class ProductRow(Base):
    __tablename__ = "products"

    sku: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    price_cents: Mapped[int]
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)


def memory_engine() -> Engine:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    Base.metadata.create_all(engine)
    return engine


def _to_model(row: ProductRow) -> ProductIn:
    return ProductIn(sku=row.sku, name=row.name, price_cents=row.price_cents, tags=list(row.tags))


class Products:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def upsert(self, product: ProductIn) -> PriceChange | None:
        """Store the product; the price change when it already existed at another price."""
        with Session(self.engine) as session:
            row = session.get(ProductRow, product.sku)
            change = None
            if row is None:
                row = ProductRow(sku=product.sku)
                session.add(row)
            elif row.price_cents != product.price_cents:
                change = PriceChange(
                    sku=product.sku, old_cents=row.price_cents, new_cents=product.price_cents
                )
            row.name, row.price_cents, row.tags = product.name, product.price_cents, product.tags
            session.commit()
            return change

    def get(self, sku: str) -> ProductIn | None:
        with Session(self.engine) as session:
            row = session.get(ProductRow, sku)
            return _to_model(row) if row else None

    def by_tag(self, tag: str) -> list[ProductIn]:
        with Session(self.engine) as session:
            rows = session.scalars(select(ProductRow).order_by(ProductRow.sku))
            return [_to_model(row) for row in rows if tag in row.tags]
