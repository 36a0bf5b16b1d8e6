"""Catalog service: products and their prices."""
