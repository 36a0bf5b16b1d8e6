"""Run the catalog: `PYTHONPATH=src python -m catalog` (CATALOG_HOST, CATALOG_PORT)."""

import os

import uvicorn

from catalog.app import create_app

if __name__ == "__main__":
    uvicorn.run(
        create_app(),
        host=os.environ.get("CATALOG_HOST", "127.0.0.1"),
        port=int(os.environ.get("CATALOG_PORT", "8000")),
    )
