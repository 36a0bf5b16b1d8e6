"""Password hashes (bcrypt) and signed session tokens (PyJWT, HS256)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import bcrypt
import jwt


class TokenError(ValueError):
    """The token is malformed, forged or expired."""


def hash_password(password: str, rounds: int = 12) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()


def check_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode(), hashed.encode())


def issue_token(user_id: int, secret: str, ttl: timedelta, now: datetime | None = None) -> str:
    issued = now or datetime.now(UTC)
    claims = {"sub": str(user_id), "iat": issued, "exp": issued + ttl}
    return jwt.encode(claims, secret, algorithm="HS256")


def read_token(token: str, secret: str) -> int:
    """The user id the token was issued for."""
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.PyJWTError as error:
        raise TokenError(str(error)) from None
    return int(claims["sub"])
