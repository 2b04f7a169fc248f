"""The public forms of the portal: the access request and the year filter of a section."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from transparency.models.requests import AccessRequest

ID_DOCUMENT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")
# A legal person's NIF: its letter, seven digits and a control digit or letter.
LEGAL_PERSON_TAX_ID_PATTERN = re.compile(r"^[A-Z][0-9]{7}[A-Z0-9]$")


def compact_identifier(value):
    """The letters and digits of a document number, upper-cased, without spaces, dots or dashes."""
    return re.sub(r"[\s.-]", "", value).upper()


class AccessRequestForm(forms.ModelForm):
    """What a visitor fills in to ask for public information.

    The contact it needs depends on the format chosen: an email address for an electronic copy,
    a postal address for a paper copy, a phone or an email to arrange a consultation in person.
    `website` is a honeypot: hidden from people, it is only ever filled in by robots.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = AccessRequest
        fields = [
            "capacity",
            "name",
            "id_document",
            "represented_name",
            "represented_tax_id",
            "email",
            "phone",
            "postal_address",
            "subject",
            "information",
            "preferred_format",
        ]
        labels = {
            "capacity": _("You are making the request"),
            "id_document": _("Identity document number (optional)"),
            "represented_name": _("Name of the entity you represent"),
            "represented_tax_id": _("NIF of the entity you represent"),
            "email": _("Email"),
            "phone": _("Phone (optional)"),
            "postal_address": _("Postal address"),
        }
        help_texts = {
            "capacity": "",
            "name": "",
            "id_document": _("DNI, NIE or passport. It is not required to make the request."),
            "represented_name": _("Only when you act on behalf of a legal person."),
            "represented_tax_id": _("Only when you act on behalf of a legal person."),
            "email": _(
                "We will send the acknowledgement and the answer here. Required unless you ask "
                "for a paper copy or a consultation in person."
            ),
            "phone": _("Useful to arrange a consultation in person."),
            "postal_address": _("Required only for a paper copy: street, number, postcode, town."),
            "subject": _("A few words that sum up your request."),
            "information": _(
                "Describe the information you want as precisely as you can (documents, dates, "
                "topic). You do not need to give a reason."
            ),
            "preferred_format": "",
        }
        widgets = {
            "capacity": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "postal_address": forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
            "id_document": forms.TextInput(attrs={"autocomplete": "off"}),
            "represented_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "represented_tax_id": forms.TextInput(attrs={"autocomplete": "off"}),
            "information": forms.Textarea(attrs={"rows": 8}),
            "preferred_format": forms.RadioSelect,
        }
        error_messages = {
            "capacity": {"required": _("Choose whether you act on your own or another's behalf.")},
            "name": {"required": _("Write your name and surname.")},
            "email": {"invalid": _("Write a valid email address, such as nom@exemple.cat.")},
            "subject": {"required": _("Write the subject of your request.")},
            "information": {"required": _("Describe the information you are asking for.")},
            "preferred_format": {"required": _("Choose how you would like to receive it.")},
        }

    def clean_id_document(self):
        value = compact_identifier(self.cleaned_data["id_document"])
        if value and not ID_DOCUMENT_PATTERN.match(value):
            raise forms.ValidationError(
                _("Write only the letters and digits of the document, e.g. 12345678Z.")
            )
        return value

    def clean_represented_tax_id(self):
        value = compact_identifier(self.cleaned_data["represented_tax_id"])
        if value and not LEGAL_PERSON_TAX_ID_PATTERN.match(value):
            raise forms.ValidationError(
                _("Write the NIF as a letter followed by eight characters, e.g. B12345678.")
            )
        return value

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(_("The request could not be sent. Please try again."))
        self.check_representation(cleaned_data)
        self.check_contact(cleaned_data)
        return cleaned_data

    def check_representation(self, cleaned_data):
        if cleaned_data.get("capacity") != AccessRequest.Capacity.LEGAL_PERSON:
            cleaned_data["represented_name"] = cleaned_data["represented_tax_id"] = ""
            return
        if not cleaned_data.get("represented_name", "").strip() and (
            "represented_name" not in self.errors
        ):
            self.add_error("represented_name", _("Write the name of the entity you represent."))
        if not cleaned_data.get("represented_tax_id") and "represented_tax_id" not in self.errors:
            self.add_error("represented_tax_id", _("Write the NIF of the entity you represent."))

    def check_contact(self, cleaned_data):
        if "email" in self.errors:
            return
        email = cleaned_data.get("email")
        preferred_format = cleaned_data.get("preferred_format")
        if preferred_format == AccessRequest.Format.PAPER:
            if not cleaned_data.get("postal_address", "").strip():
                self.add_error(
                    "postal_address",
                    _("Write the postal address where we should send the paper copy."),
                )
        elif preferred_format == AccessRequest.Format.IN_PERSON:
            if not email and not cleaned_data.get("phone", "").strip():
                self.add_error(
                    "phone",
                    _(
                        "Write a phone number or an email address so that we can arrange the "
                        "consultation with you."
                    ),
                )
        elif not email:
            self.add_error(
                "email", _("Write an email address where we can send you the information.")
            )


class YearFilterForm(forms.Form):
    """The year filter of a section page (query string `any`)."""

    any = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, years, data=None):
        super().__init__(data)
        self.fields["any"].choices = [("", _("All years")), *((year, year) for year in years)]

    def cleaned_year(self):
        """The chosen year, or None for every year (also when the value is not valid)."""
        return self.cleaned_data.get("any") if self.is_valid() else None
