"""Test helpers and generic suites that every record type's tests inherit."""
