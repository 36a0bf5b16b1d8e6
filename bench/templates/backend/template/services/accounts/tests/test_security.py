from datetime import UTC, datetime, timedelta

import pytest

from accounts.security import TokenError, check_password, hash_password, issue_token, read_token

KEY = "a-test-secret-of-at-least-32-bytes"
OTHER = "another-secret-of-at-least-32-bytes"


def test_password_hash_round_trip() -> None:
    hashed = hash_password("correct horse", rounds=4)
    assert hashed.startswith("$2b$04$")
    assert check_password("correct horse", hashed)
    assert not check_password("wrong horse", hashed)


def test_token_round_trip() -> None:
    token = issue_token(42, KEY, timedelta(minutes=5))
    assert read_token(token, KEY) == 42


def test_forged_and_expired_tokens_are_refused() -> None:
    token = issue_token(42, KEY, timedelta(minutes=5))
    with pytest.raises(TokenError):
        read_token(token, OTHER)
    old = datetime.now(UTC) - timedelta(hours=2)
    expired = issue_token(42, KEY, timedelta(minutes=5), now=old)
    with pytest.raises(TokenError, match="expired"):
        read_token(expired, KEY)
