"""StreamField blocks of team instructions: the phone numbers and contacts a counter needs at hand."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PhoneNumberBlock(blocks.StructBlock):
    """A number to call during an incident (security desk, police, team leader on duty)."""

    label = blocks.CharBlock(label=_("wie"), max_length=120)
    number = blocks.CharBlock(label=_("telefoonnummer"), max_length=40)
    note = blocks.CharBlock(label=_("toelichting"), max_length=200, required=False)

    class Meta:
        icon = "mobile-alt"
        template = "vpd/blocks/phone_number_block.html"
        label = _("Telefoonnummer")
        description = _("Een nummer dat collega's bellen bij een incident, met wie ze dan spreken.")
        preview_value = {"label": "Beveiliging Stadskantoor", "number": "030 286 00 00", "note": "24/7"}


class ContactBlock(blocks.StructBlock):
    """A contact person for the team after an incident (manager, VPD coordinator, peer-support team)."""

    role = blocks.CharBlock(label=_("rol"), max_length=120)
    name = blocks.CharBlock(label=_("naam"), max_length=120, required=False)
    phone = blocks.CharBlock(label=_("telefoonnummer"), max_length=40, required=False)
    email = blocks.EmailBlock(label=_("e-mailadres"), required=False)

    class Meta:
        icon = "user"
        template = "vpd/blocks/contact_block.html"
        label = _("Contactpersoon")
        description = _("Een contactpersoon of loket voor vragen en nazorg na een incident.")
        preview_value = {
            "role": "VPD-coördinator",
            "name": "Sanne de Vries",
            "phone": "030 286 12 34",
            "email": "vpd@utrecht.invalid",
        }
