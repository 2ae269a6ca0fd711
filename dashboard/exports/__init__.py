"""What leaves the site as files: the API and extracts, PNG/SVG images, embeds and media, and every
chart written to disk."""
