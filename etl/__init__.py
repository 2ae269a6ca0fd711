"""belarus-indicators ETL: curated YAML → validated, derived, checked parquet tables."""
