import datetime

from django import forms
from django.db.models import Value
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models.member import Kind
from members.models.reference import Comarca, Province
from members.names import normalise_search_key, sort_key
from pages.filter_forms import ListFilterForm, printable

MAX_QUERY_LENGTH = 100


def reference_choices():
    """Comarques by name and provinces by code, as (code, name) choices, in one query."""
    rows = (
        Comarca.objects.order_by()
        .values_list("code", "name", Value("comarca"))
        .union(Province.objects.order_by().values_list("code", "name", Value("province")), all=True)
    )
    comarques = sorted(
        ((code, name) for code, name, table in rows if table == "comarca"),
        key=lambda choice: sort_key(choice[1]),
    )
    provinces = sorted((code, name) for code, name, table in rows if table == "province")
    return comarques, provinces


class SearchTextField(forms.CharField):
    """Free text with control characters removed before any check, so that none fails on them."""

    def to_python(self, value):
        return printable(super().to_python(value))


class MemberFilterForm(ListFilterForm):
    """The listing's query string: `q`, `comarca`, `provincia` and `tipus`, all optional.

    The listing and its exports read the same form, so a file holds exactly what the page shows.
    """

    q = SearchTextField(
        label=_("Name or code"),
        required=False,
        help_text=_("Part of the name, or the INE or IDESCAT code."),
    )
    comarca = forms.ChoiceField(label=_("Comarca"), required=False)
    provincia = forms.ChoiceField(label=_("Province"), required=False)
    tipus = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )

    invalid_value_messages = {
        "comarca": _(
            "There is no comarca with code “%(value)s”, so the list is not filtered by comarca."
        ),
        "provincia": _(
            "There is no province with code “%(value)s”, so the list is not filtered by province."
        ),
        "tipus": _("“%(value)s” is not a kind of entity, so the list is not filtered by kind."),
    }
    shown_value_length = MAX_QUERY_LENGTH

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        comarques, provinces = reference_choices()
        self.fields["comarca"].choices = [("", _("All comarques")), *comarques]
        self.fields["provincia"].choices = [("", _("All provinces")), *provinces]

    def clean_q(self):
        query = " ".join(self.cleaned_data["q"].split())
        if len(query) > MAX_QUERY_LENGTH:
            self.notices.append(
                _("The search text was too long; only its first %(limit)s characters were used.")
                % {"limit": MAX_QUERY_LENGTH}
            )
            query = query[:MAX_QUERY_LENGTH]
        if query and not normalise_search_key(query):
            self.notices.append(_("Write part of a name or a code to search."))
            return ""
        return query


MAX_IMPORT_SIZE = 5 * 1024 * 1024
IMPORT_EXTENSIONS = (".csv", ".txt", ".xlsx")


class ImportUploadForm(forms.Form):
    """The file to import into the registry of local entities."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV (UTF-8) or Excel (.xlsx) file in the Localret format, or IDESCAT's export "
            "of comarques and municipalities. Up to 5 MB."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("Detect it from the file")),
            ("localret", _("Localret (codi, nom, tipus, comarca, data_adhesio…)")),
            ("idescat", _("IDESCAT export (Nivell;Codi;Nom)")),
        ],
        help_text=_("Choosing one refuses any file in the other format."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."), code="extension")
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into smaller files."), code="size"
            )
        return upload


class ImportConfirmForm(forms.Form):
    """Confirms the import that was just reviewed, and only that one."""

    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    fingerprint = forms.RegexField(regex=r"^[0-9a-f]{64}$", widget=forms.HiddenInput)


# The consortium was founded in 1997: nobody was a member before.
FOUNDING_DATE = datetime.date(1997, 1, 1)


def a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class MarkAsMembersForm(forms.Form):
    """The date from which the selected reference entities are members."""

    member_since = forms.DateField(
        label=_("Joining date"),
        help_text=_(
            "The date the entities joined the consortium: not before 1997, when it was founded, "
            "and at most a year from today (a joining agreed for a later date)."
        ),
        # The browser's own date field: Wagtail's date picker replaces a date it cannot read
        # with today's, which here would silently make entities members from today.
        widget=forms.DateInput(
            attrs={"type": "date", "min": FOUNDING_DATE.isoformat()}, format="%Y-%m-%d"
        ),
        error_messages={
            "required": _("Write the date the entities joined the consortium."),
            "invalid": _("Write a valid date, e.g. 2027-01-01 or 01/01/2027."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = a_year_after(timezone.localdate())
        self.fields["member_since"].widget.attrs["max"] = latest.isoformat()

    def clean_member_since(self):
        day = self.cleaned_data["member_since"]
        if day < FOUNDING_DATE:
            raise forms.ValidationError(
                _("The consortium was founded in 1997: the date cannot be earlier."),
                code="before_founding",
            )
        latest = a_year_after(timezone.localdate())
        if day > latest:
            raise forms.ValidationError(
                _("The date can be at most a year from today: %(latest)s.")
                % {"latest": date_format(latest, "DATE_FORMAT")},
                code="too_far_ahead",
            )
        return day
