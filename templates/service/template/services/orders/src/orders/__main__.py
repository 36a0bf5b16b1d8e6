"""Run the service: `python -m orders` (host and port from ORDERS_HOST/ORDERS_PORT)."""

import uvicorn

from framework import Settings
from orders.app import create_app

if __name__ == "__main__":
    settings = Settings(prefix="orders")
    uvicorn.run(
        create_app(settings=settings),
        host=settings.get("host", "127.0.0.1"),
        port=settings.get_int("port", 8000),
    )
