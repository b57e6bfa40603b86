"""Models of the annual statistics (historical figures, employee survey)."""
