"""The filters of the services page, read from its query string."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from services.audiences import Audience

# How much of a value that names nothing is repeated in the notice that says so.
SHOWN_VALUE_LENGTH = 60


def shown_value(value):
    """A value from the query string as a notice may repeat it: printable and short."""
    printable = "".join(ch for ch in str(value) if unicodedata.category(ch)[0] != "C")
    return printable[:SHOWN_VALUE_LENGTH]


class ServiceFilterForm(forms.Form):
    """`categoria` (a category's slug) and `public` (an audience), both optional.

    A value that names nothing is left out and explained in `notices`: the list is then shown
    without that filter rather than refused.
    """

    categoria = forms.ChoiceField(label=_("Category"), required=False)
    public = forms.TypedChoiceField(
        label=_("Audience"),
        required=False,
        coerce=Audience,
        choices=[("", _("All audiences")), *Audience.choices],
    )

    invalid_value_messages = {
        "categoria": _(
            "There is no category “%(value)s”, so the list is not filtered by category."
        ),
        "public": _(
            "“%(value)s” is not one of the audiences, so the list is not filtered by audience."
        ),
    }

    def __init__(self, data, categories):
        super().__init__(data, label_suffix="")
        self.categories = {category.slug: category for category in categories}
        self.fields["categoria"].choices = [
            ("", _("All categories")),
            *((slug, category.name) for slug, category in self.categories.items()),
        ]
        self.notices = []

    def clean_categoria(self):
        slug = self.cleaned_data["categoria"]
        return self.categories[slug] if slug else None

    def filters(self):
        """The valid filters: the category and the audience, by the names of the query string."""
        self.is_valid()
        self.notices = [
            self.invalid_value_messages[name] % {"value": shown_value(self.data.get(name))}
            for name in self.errors
        ]
        return {name: value for name, value in self.cleaned_data.items() if value}
