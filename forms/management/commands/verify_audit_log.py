"""Check the audit log's HMAC chain from its first entry; report the first broken link.

Exit code 0 when intact, 1 when not. Pass chain heads exported earlier (`log_audit_chain_head`
lines, `--head SEQUENCE:MAC`, repeatable, or `--heads-file` with one such pair or log line per line)
to also catch entries removed from the end of the log.
"""

import re

from django.core.management.base import BaseCommand, CommandError

from forms.audit import verify

HEAD = re.compile(r"sequence=(\d+) mac=([0-9a-f]{64})|^(\d+):([0-9a-f]{64})$")


def parse_head(text: str) -> tuple[int, str]:
    match = HEAD.search(text.strip())
    if not match:
        raise CommandError(f"Not a chain head (SEQUENCE:MAC or a log_audit_chain_head line): {text!r}")
    sequence, mac = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    return int(sequence), mac


class Command(BaseCommand):
    help = "Verify the audit log's HMAC chain; exit code 1 at the first broken link."

    def add_arguments(self, parser):
        parser.add_argument("--head", action="append", default=[], help="an exported head, SEQUENCE:MAC")
        parser.add_argument("--heads-file", help="a file of exported heads (e.g. the portal's log)")

    def handle(self, *args, head: list[str], heads_file: str | None, **options):
        heads = [parse_head(text) for text in head]
        if heads_file:
            with open(heads_file, encoding="utf-8") as lines:
                # Other lines of the log are skipped.
                heads += [parse_head(line) for line in lines if HEAD.search(line.strip())]
        result = verify(dict(heads))
        if not result.intact:
            raise CommandError(f"Audit log broken at entry {result.problem_sequence}: {result.problem}")
        self.stdout.write(
            f"Audit log intact: {result.entries} entries (sequence {result.first_sequence or 0} to "
            f"{result.last_sequence}), {len(result.checked_heads)} exported heads matched; "
            f"head sequence={result.last_sequence} mac={result.last_mac}"
        )
