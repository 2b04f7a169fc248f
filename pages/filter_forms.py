"""The base of the filter forms of public lists, read from the query string."""

import unicodedata

from django import forms


def printable(text):
    """The text without control characters (a NUL byte would make PostgreSQL refuse the query)."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


class ListFilterForm(forms.Form):
    """A list's filters, all optional. A value that names nothing is left out and explained in
    `notices`: the list is then shown without that filter rather than refused.

    Subclasses give, in `invalid_value_messages`, a notice for each field that can be wrong,
    with `%(value)s` for the value (printable, at most `shown_value_length` characters).
    """

    invalid_value_messages = {}
    shown_value_length = 60

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.notices = []

    def filters(self):
        """The valid filters, by the names of the query string."""
        self.is_valid()
        for name in self.errors:
            value = printable(str(self.data.get(name, "")))[: self.shown_value_length]
            self.notices.append(self.invalid_value_messages[name] % {"value": value})
        return {name: value for name, value in self.cleaned_data.items() if value}
