"""The contact form of the contact page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models.contact import ContactMessage, ContactTopic


class ContactForm(forms.ModelForm):
    """Name, email, topic and message.

    `website` is a honeypot: hidden from people and from screen readers, only robots fill it in.
    A form that comes with it filled in is answered as if it had been sent, and goes no further
    (see `is_from_a_robot`), so that the robot learns nothing.
    """

    MESSAGE_MAX_LENGTH = 5000

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=ContactTopic.objects.all(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the topic of your message."),
            "invalid_choice": _("Choose one of the topics in the list."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your message."),
            "max_length": _("Write at most %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "topic", "message"]
        labels = {"name": _("Name and surname"), "email": _("Email")}
        help_texts = {"name": "", "email": _("We will answer you at this address.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "name": {"required": _("Write your name and surname.")},
            "email": {
                "required": _("Write the email address where we can answer you."),
                "invalid": _("Write a valid email address, such as nom@exemple.cat."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Without any topic (editors removed them all) a message goes to the organisation.
        self.fields["topic"].required = ContactTopic.objects.exists()

    def is_from_a_robot(self):
        """Whether the honeypot was filled in; call it after `is_valid()`."""
        return bool(self.cleaned_data.get("website", "").strip())
