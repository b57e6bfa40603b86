"""The forms app answers no data-subject request through the administrator's path
(portal/subject_data.py): integrity reports, confidential-advisor registrations and the audit log are
never exported or erased there, whether about or by the person. The integrity office decides on such
a request separately (AVG art. 23 / UAVG art. 41: protection of the reporter, the persons concerned
and the investigation); administrators never see the office's data (separation of duties)."""

from portal.subject_data import Exclusion

_OFFICE = (
    "Integrity reports and their handling: only the integrity office reads them; a request about them "
    "goes to the office, which decides separately (protection of reporters and investigations)."
)
_ADVISOR = (
    "Confidential-advisor registrations: the advisor's own record of conversations (counts, no names); "
    "the office decides on a request; the pseudonym is purged by forms.advisor_registrations."
)
_AUDIT = (
    "Audit log: tamper-evident accountability (BIO); never altered per person, removed only by "
    "forms.audit_log after its period. The account it points to is anonymised by an erasure."
)

_LESSONS = (
    "Lessons-learned register: measures agreed after integrity cases, kept by the integrity office; the "
    "office decides on a request, and forms.lessons forgets the owner of a finished measure."
)

EXCLUDED = [
    Exclusion("forms.IntegrityReport.owner", _OFFICE),
    Exclusion("forms.IntegrityReport.co_handlers", _OFFICE),
    Exclusion("forms.IntegrityReport.registered_by", _OFFICE),
    Exclusion("forms.CaseTransition.by", _OFFICE),
    Exclusion("forms.InternalNote.author", _OFFICE),
    Exclusion("forms.CaseEvent.recorded_by", _OFFICE),
    Exclusion("forms.CaseTask.owner", _OFFICE),
    Exclusion("forms.CaseTask.done_by", _OFFICE),
    Exclusion("forms.LessonMeasure.owner", _LESSONS),
    Exclusion("forms.AdvisorRegistration.advisor", _ADVISOR),
    Exclusion("forms.AuditLogEntry.user", _AUDIT),
]
