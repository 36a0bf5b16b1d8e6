from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect

from catalog._generated import ProductIn
from catalog.db import Products


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", "catalog:migrations")
    config.set_main_option("sqlalchemy.url", url)
    return config


def test_upgrade_creates_what_the_models_use(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    engine = create_engine(url)
    assert "products" in inspect(engine).get_table_names()
    products = Products(engine)
    products.upsert(ProductIn(sku="A", name="a", price_cents=1, tags=[]))
    assert products.get("A") == ProductIn(sku="A", name="a", price_cents=1, tags=[])


def test_downgrade_drops_the_table(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.sqlite3'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    assert "products" not in inspect(create_engine(url)).get_table_names()
