"""The session engine: a plain state machine over a programme, with no I/O."""
