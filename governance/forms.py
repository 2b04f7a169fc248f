from django import forms
from django.utils.translation import gettext_lazy as _


class CompositionDateForm(forms.Form):
    """The `?data=AAAA-MM-DD` query of the governing bodies page."""

    data = forms.DateField(
        label=_("Composition on"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _(
                "That date is not valid: write it as YYYY-MM-DD, e.g. 2024-05-31. The current "
                "composition is shown instead."
            )
        },
    )

    error_id = "composition-date-error"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)

    def date_or(self, default):
        """The date asked for, or `default` when none or an invalid one was given."""
        if not self.is_valid():
            self.fields["data"].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": self.error_id}
            )
            return default
        return self.cleaned_data["data"] or default
