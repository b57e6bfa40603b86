"""Models of the forms app (filled in by its own issue)."""
