"""Helpers for Sekisho's browser suite: the server under test, the browser, the dev mailbox,
accounts for scenarios and two-step verification."""
