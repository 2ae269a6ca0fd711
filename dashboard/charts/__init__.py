"""Chart declarations (charts.yaml) and the one function that builds each chart's figure for page,
image and embed alike."""
