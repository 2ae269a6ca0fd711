"""belarus-indicators dashboard: reads datasets/parquet/ once and serves it with Dash."""
