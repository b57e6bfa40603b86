"""Models of the vpd app (filled in by its own issue)."""
