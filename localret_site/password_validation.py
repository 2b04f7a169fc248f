"""Password validators whose messages Django's Catalan catalogue does not translate yet."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's validator; its error message changed wording in Django 5.2 and the Catalan
    catalogue still only has the old one, so editors would read it in English."""

    def get_error_message(self):
        return (
            ngettext(
                "This password is too short. It must contain at least %d character.",
                "This password is too short. It must contain at least %d characters.",
                self.min_length,
            )
            % self.min_length
        )
