"""Storage of orders with SQLAlchemy (SQLite in memory by default)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
)
from sqlalchemy.pool import StaticPool

from framework import Money
from framework.money import total
from orders.models import OrderIn, OrderLine, OrderOut


class Base(DeclarativeBase):
    pass


class OrderRow(Base):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3))
    total_cents: Mapped[int]
    lines: Mapped[list[LineRow]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="LineRow.id"
    )


class LineRow(Base):
    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    sku: Mapped[str] = mapped_column(String(32))
    quantity: Mapped[int]
    unit_price_cents: Mapped[int]
    order: Mapped[OrderRow] = relationship(back_populates="lines")


def order_total(order: OrderIn) -> Money:
    lines = [Money.of(line.unit_price, order.currency).times(line.quantity) for line in order.lines]
    return total(lines, order.currency)


def _to_out(row: OrderRow) -> OrderOut:
    lines = [
        OrderLine(
            sku=line.sku,
            quantity=line.quantity,
            unit_price=Decimal(line.unit_price_cents) / 100,
        )
        for line in row.lines
    ]
    amount = Money(Decimal(row.total_cents) / 100, row.currency)
    return OrderOut(id=row.id, customer=row.customer, total=str(amount), lines=lines)


class Repository:
    def __init__(self, url: str = "sqlite://") -> None:
        self.engine = create_engine(
            url, connect_args={"check_same_thread": False}, poolclass=StaticPool
        )
        Base.metadata.create_all(self.engine)

    def add(self, order: OrderIn) -> OrderOut:
        amount = order_total(order)
        row = OrderRow(
            customer=order.customer,
            currency=amount.currency,
            total_cents=int(amount.amount * 100),
            lines=[
                LineRow(
                    sku=line.sku,
                    quantity=line.quantity,
                    unit_price_cents=int(line.unit_price * 100),
                )
                for line in order.lines
            ],
        )
        with Session(self.engine) as session:
            session.add(row)
            session.commit()
            return _to_out(row)

    def get(self, order_id: int) -> OrderOut | None:
        with Session(self.engine) as session:
            row = session.get(OrderRow, order_id)
            return _to_out(row) if row is not None else None

    def list(self, customer: str | None = None) -> list[OrderOut]:
        query = select(OrderRow).order_by(OrderRow.id)
        if customer is not None:
            query = query.where(OrderRow.customer == customer)
        with Session(self.engine) as session:
            return [_to_out(row) for row in session.scalars(query)]
