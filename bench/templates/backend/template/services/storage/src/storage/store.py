"""JSON documents in an S3 bucket (boto3), serialised with orjson."""

from __future__ import annotations

from typing import Any

import orjson
import strict_rfc3339
from botocore.exceptions import ClientError
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage._generated import DocumentRef


class StorageSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STORAGE_")
    bucket: str = "documents"
    prefix: str = "v1/"
    region: str = "eu-west-1"


class DocumentNotFoundError(KeyError):
    pass


TIMESTAMP_FIELDS = ("created_at", "updated_at")


def check_timestamps(document: dict[str, Any]) -> None:
    """Timestamps are stored as RFC 3339 strings, so that every reader parses them alike."""
    for field in TIMESTAMP_FIELDS:
        value = document.get(field)
        if value is not None and not (
            isinstance(value, str) and strict_rfc3339.validate_rfc3339(value)
        ):
            raise ValueError(f"{field}: expected an RFC 3339 timestamp, got {value!r}")


class DocumentStore:
    def __init__(self, s3: Any, settings: StorageSettings) -> None:
        self.s3 = s3
        self.settings = settings

    def _key(self, name: str) -> str:
        if not name or "/" in name:
            raise ValueError(f"bad document name {name!r}")
        return f"{self.settings.prefix}{name}.json"

    def put(self, name: str, document: dict[str, Any]) -> DocumentRef:
        check_timestamps(document)
        body = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
        key = self._key(name)
        self.s3.put_object(
            Bucket=self.settings.bucket, Key=key, Body=body, ContentType="application/json"
        )
        return DocumentRef(bucket=self.settings.bucket, key=key, size=len(body))

    def get(self, name: str) -> dict[str, Any]:
        try:
            answer = self.s3.get_object(Bucket=self.settings.bucket, Key=self._key(name))
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "NoSuchKey":
                raise DocumentNotFoundError(name) from None
            raise
        loaded: dict[str, Any] = orjson.loads(answer["Body"].read())
        return loaded
