"""The public forms of the portal: the access request and the year filter of a section."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from transparency.models.requests import AccessRequest

ID_DOCUMENT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")


class AccessRequestForm(forms.ModelForm):
    """What a visitor fills in to ask for public information.

    `website` is a honeypot: hidden from people, it is only ever filled in by robots.
    """

    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and accept it."),
        error_messages={"required": _("Accept the privacy notice to send the request.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = AccessRequest
        fields = ["name", "email", "id_document", "subject", "information", "preferred_format"]
        labels = {"id_document": _("Identity document number (optional)")}
        help_texts = {
            "name": "",
            "email": _("We will send the acknowledgement and the answer here."),
            "id_document": _("DNI, NIE or passport. It is not required to make the request."),
            "subject": _("A few words that sum up your request."),
            "information": _(
                "Describe the information you want as precisely as you can (documents, dates, "
                "topic). You do not need to give a reason."
            ),
            "preferred_format": "",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "id_document": forms.TextInput(attrs={"autocomplete": "off"}),
            "information": forms.Textarea(attrs={"rows": 8}),
            "preferred_format": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Write your name and surname.")},
            "email": {
                "required": _("Write an email address where we can answer you."),
                "invalid": _("Write a valid email address, such as nom@exemple.cat."),
            },
            "subject": {"required": _("Write the subject of your request.")},
            "information": {"required": _("Describe the information you are asking for.")},
            "preferred_format": {"required": _("Choose how you would like to receive it.")},
        }

    def clean_id_document(self):
        value = re.sub(r"[\s.-]", "", self.cleaned_data["id_document"]).upper()
        if value and not ID_DOCUMENT_PATTERN.match(value):
            raise forms.ValidationError(
                _("Write only the letters and digits of the document, e.g. 12345678Z.")
            )
        return value

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("website"):
            raise forms.ValidationError(_("The request could not be sent. Please try again."))
        return cleaned_data

    def save(self, commit=True):
        self.instance.privacy_accepted_at = timezone.now()
        return super().save(commit=commit)


class YearFilterForm(forms.Form):
    """The year filter of a section page (query string `any`)."""

    any = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, years, data=None):
        super().__init__(data)
        self.fields["any"].choices = [("", _("All years")), *((year, year) for year in years)]

    def cleaned_year(self):
        """The chosen year, or None for every year (also when the value is not valid)."""
        return self.cleaned_data.get("any") if self.is_valid() else None
