"""The VPD coordinator keeps the warning-letter templates of the perpetrator-focused approach."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from vpd.perpetrator import WarningLetterTemplate


class WarningLetterTemplateViewSet(ModelViewSet):
    model = WarningLetterTemplate
    icon = "doc-full"
    menu_label = _("Sjablonen waarschuwingsbrief")
    url_prefix = "vpd/sjablonen-waarschuwingsbrief"
    form_fields = ["name", "body", "active"]
    list_display = ["name", "active"]
    copy_view_enabled = False
