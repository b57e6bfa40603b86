"""Rebuild stored attachments from their pixels (run once after upgrading from 'cleaned' files).

Attachments stored before the rebuild (forms/attachments.py) were only stripped of document
metadata; this replaces each with the rebuilt file and its page count. Files that cannot be
rebuilt under the limits are left as they are and listed, so the integrity office can decide.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from forms.attachments import ALLOWED, RebuildError, rebuild
from forms.crypto import encrypt_bytes
from forms.models import Attachment

KIND_OF = {content_type: kind for content_type, kind, _magic in ALLOWED.values()}


class Command(BaseCommand):
    help = "Rebuild every stored attachment of integrity reports from its pixels."

    def handle(self, *args, **options):
        rebuilt, failed = 0, []
        for pk in Attachment.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                attachment = Attachment.objects.select_for_update().get(pk=pk)
                try:
                    data, pages = rebuild(attachment.content(), KIND_OF.get(attachment.content_type, ""))
                except RebuildError as error:
                    failed.append(f"{pk} ({error.code})")
                    continue
                attachment.data, attachment.size, attachment.pages = encrypt_bytes(data), len(data), pages
                attachment.save(update_fields=["data", "size", "pages"])
                rebuilt += 1
        self.stdout.write(f"{rebuilt} attachments rebuilt.")
        if failed:
            raise CommandError(f"Not rebuilt, left as they were: {', '.join(failed)}")
