"""Alembic's environment: migrate the database named by the config's sqlalchemy.url."""

from alembic import context
from sqlalchemy import create_engine

from catalog.db import Base

config = context.config


def run() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
