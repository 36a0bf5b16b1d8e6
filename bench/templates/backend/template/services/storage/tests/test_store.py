import io

import boto3
import orjson
import pytest
from botocore.response import StreamingBody
from botocore.stub import Stubber

from storage.store import DocumentNotFoundError, DocumentStore, StorageSettings, check_timestamps

SETTINGS = StorageSettings(bucket="docs", prefix="test/")


@pytest.fixture
def s3():
    client = boto3.client(
        "s3", region_name="eu-west-1", aws_access_key_id="x", aws_secret_access_key="y"
    )
    with Stubber(client) as stubber:
        yield client, stubber


def test_put_writes_sorted_json(s3) -> None:
    client, stubber = s3
    body = orjson.dumps({"a": 1, "b": [1, 2]})
    stubber.add_response(
        "put_object",
        {},
        {
            "Bucket": "docs",
            "Key": "test/order.json",
            "Body": body,
            "ContentType": "application/json",
        },
    )
    ref = DocumentStore(client, SETTINGS).put("order", {"b": [1, 2], "a": 1})
    assert (ref.bucket, ref.key, ref.size) == ("docs", "test/order.json", len(body))
    stubber.assert_no_pending_responses()


def test_get_reads_the_document(s3) -> None:
    client, stubber = s3
    raw = b'{"total":12}'
    stubber.add_response(
        "get_object",
        {"Body": StreamingBody(io.BytesIO(raw), len(raw))},
        {"Bucket": "docs", "Key": "test/order.json"},
    )
    assert DocumentStore(client, SETTINGS).get("order") == {"total": 12}


def test_missing_document(s3) -> None:
    client, stubber = s3
    stubber.add_client_error("get_object", service_error_code="NoSuchKey", http_status_code=404)
    with pytest.raises(DocumentNotFoundError):
        DocumentStore(client, SETTINGS).get("gone")


def test_names_cannot_escape_the_prefix(s3) -> None:
    client, _ = s3
    with pytest.raises(ValueError):
        DocumentStore(client, SETTINGS).put("../x/y", {})


def test_timestamps_must_be_rfc_3339() -> None:
    check_timestamps(
        {"created_at": "2026-03-01T10:00:00Z", "updated_at": "2026-03-01T10:00:00+01:00"}
    )
    check_timestamps({"other": "yesterday"})
    with pytest.raises(ValueError, match="created_at"):
        check_timestamps({"created_at": "2026-03-01 10:00"})
    with pytest.raises(ValueError, match="updated_at"):
        check_timestamps({"updated_at": 1772359200})
