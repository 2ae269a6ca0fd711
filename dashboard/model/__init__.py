"""The read model: the published tables as one dataset, the plain lookups charts use, views of a
series that need no new data, the rows behind an extract, and how values read to a person."""
