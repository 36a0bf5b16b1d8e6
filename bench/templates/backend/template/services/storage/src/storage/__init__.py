"""Storage service: JSON documents kept in S3."""
