"""Web plumbing between the app and the reader: HTTP errors and caching headers, security headers
and limits, compression."""
