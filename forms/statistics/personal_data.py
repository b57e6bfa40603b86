"""Published statistics snapshots name who published them (portal/subject_data.py)."""

from portal.subject_data import Exclusion

EXCLUDED = [
    Exclusion(
        "statistics.StatisticsSnapshot.created_by",
        "Who published a year's frozen figures: accountability of a publication; the account it points "
        "to is anonymised by an erasure, and the figures never change.",
    ),
]
