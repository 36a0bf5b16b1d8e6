"""Accounts service: users, passwords and session tokens."""
