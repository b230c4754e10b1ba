"""Content packs: YAML files -> validated models, checked against the kader."""
