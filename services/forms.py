"""The filters of the services page, read from its query string."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.filter_forms import ListFilterForm
from services.audiences import Audience


class ServiceFilterForm(ListFilterForm):
    """`categoria` (a category's slug) and `public` (an audience), both optional."""

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

    def clean_categoria(self):
        slug = self.cleaned_data["categoria"]
        return self.categories[slug] if slug else None
