"""Throttling of failed admin log-ins, per user name and per client address.

Failures are counted in the default cache, which every server process must share (Redis or the
database cache) for the limits to hold across them.
Once a user name or an address reaches its limit, log-ins for it are refused, even with the
right password, until `LOGIN_FAILURE_WINDOW` seconds pass without a failure.
"""

import math

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

from localret_site import rate_limits


def failure_keys(username, address):
    """The cache keys counting failures for this user name and this address, with their limits.

    User names are compared case-insensitively (localret_site.rate_limits.counter_key).
    """
    return [
        (
            rate_limits.counter_key("login-failures-username", username),
            settings.LOGIN_FAILURE_LIMIT_PER_USERNAME,
        ),
        (
            rate_limits.counter_key("login-failures-address", address),
            settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS,
        ),
    ]


def is_throttled(username, address):
    return rate_limits.reached(failure_keys(username, address))


def record_failure(username, address):
    for key, _limit in failure_keys(username, address):
        rate_limits.count(key, settings.LOGIN_FAILURE_WINDOW, extend=True)


def forget_failures(username):
    """A successful log-in clears its user name's count (never the address's: one valid
    account must not buy an address more guesses at others)."""
    username_key, _limit = failure_keys(username, "")[0]
    cache.delete(username_key)


class ThrottledLoginForm(LoginForm):
    """Wagtail's login form, refusing to check a password once its user or address is throttled."""

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _("Too many failed log-in attempts."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label, so Django shows its name, "Password", untranslated.
        self.fields["password"].label = _("Password")

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        # Behind proxies, ForwardedClientAddressMiddleware has put the visitor's address here.
        address = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        if username and is_throttled(username, address):
            raise self.throttled_error()
        try:
            cleaned_data = super().clean()
        except ValidationError as error:
            if username and error.code == "invalid_login":
                record_failure(username, address)
            raise
        forget_failures(username)
        return cleaned_data

    def throttled_error(self):
        minutes = math.ceil(settings.LOGIN_FAILURE_WINDOW / 60)
        wait = ngettext(
            "Wait %(minutes)d minute and try again.",
            "Wait %(minutes)d minutes and try again.",
            minutes,
        ) % {"minutes": minutes}
        return ValidationError(f"{self.error_messages['throttled']} {wait}", code="throttled")
