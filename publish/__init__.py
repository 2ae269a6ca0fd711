"""Publishing the built dataset: the documented data package readers download."""
