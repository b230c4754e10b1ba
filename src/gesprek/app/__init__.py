"""The application layer: use cases between the CLI and the layers below (wiring the
session engine to the records store)."""
