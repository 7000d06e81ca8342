"""The analytics part of the API."""
