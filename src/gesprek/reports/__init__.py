"""Management reports over the records and the catalogue: overview, export, initiatives."""
