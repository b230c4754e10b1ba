"""Use cases between the CLI and the layers below: validate, open the store, run."""
