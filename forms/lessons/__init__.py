"""Lessons learned: the register of organisational measures that came out of integrity cases
(issue #15), counted per year in the annual statistics as `integrity_reports.lessons` (issue #16).

- `models.py`: the register (`forms.LessonMeasure`; imported at the end of `forms/models.py`);
- `viewsets.py`: the office's screens in the Wagtail admin (list with filters, add, edit, export);
- `permissions.py`: the integrity office only;
- `figures.py`: the statistics provider (`forms/statistics/registry.py`);
- `retention.py`: the owner is forgotten some years after a measure was finished;
- `demo.py`: the measures of seed section 5.1 ("Leren van meldingen").
"""
