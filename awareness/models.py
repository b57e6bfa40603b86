"""Models of the awareness app (filled in by its own issue)."""
