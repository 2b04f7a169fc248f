"""Throttling of failed admin log-ins, per user name and per client address.

Failures are counted in the default cache, which every server process must share (Redis or the
database cache) for the limits to hold across them.
Once a user name or an address reaches its limit, log-ins for it are refused, even with the
right password, until `LOGIN_FAILURE_WINDOW` seconds pass without a failure.
"""

import hashlib
import math

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm

CACHE_PREFIX = "login-failures"


def failure_keys(username, address):
    """The cache keys counting failures for this user name and this address, with their limits.

    User names are compared case-insensitively and hashed, so any text makes a valid key.
    """
    username_digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    address_digest = hashlib.sha256(address.encode()).hexdigest()
    return [
        (f"{CACHE_PREFIX}:username:{username_digest}", settings.LOGIN_FAILURE_LIMIT_PER_USERNAME),
        (f"{CACHE_PREFIX}:address:{address_digest}", settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS),
    ]


def is_throttled(username, address):
    counts = cache.get_many([key for key, _limit in failure_keys(username, address)])
    return any(counts.get(key, 0) >= limit for key, limit in failure_keys(username, address))


def record_failure(username, address):
    window = settings.LOGIN_FAILURE_WINDOW
    for key, _limit in failure_keys(username, address):
        cache.add(key, 0, timeout=window)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=window)
        # Some cache backends reset the expiry on incr(); make it the same everywhere.
        cache.touch(key, timeout=window)


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
