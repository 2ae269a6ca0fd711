"""The Dash site: the frame of every page, the topic pages' explorer, the server-rendered first
view, the record panel and the share panel."""
