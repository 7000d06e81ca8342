"""The platform's own signals: domain apps never define receivers (rules live in services)."""

from django.dispatch import Signal

# Sent after a record's write and its change-log entry, inside the write's transaction,
# with `instance` and `action` (create, update, delete, restore).
record_changed = Signal()
