"""Charts: their declarations (charts.yaml), a view's state and its URL form, and the one function
that builds each chart's figure for the page, the images and the embeds alike."""
