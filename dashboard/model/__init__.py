"""The read model and view state: the published tables as a dataset, the lookups charts use, a
view's state and its URL, and how values read."""
