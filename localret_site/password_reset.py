"""Throttling of the admin's password reset, per email address asked for and per client address.

Each request counts, whether or not the address belongs to an account, so that the answer never
tells one from the other. Past a limit the form answers 429 and no email is sent until the window
closes. Counts live in the shared cache (localret_site.rate_limits).
"""

import math

from django.conf import settings
from django.utils.translation import ngettext
from wagtail.admin.views.account import PasswordResetView

from localret_site import rate_limits


class ThrottledPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        # Behind proxies, ForwardedClientAddressMiddleware has put the visitor's address here.
        client = self.request.META.get("REMOTE_ADDR", "")
        limits = [
            (
                rate_limits.counter_key("password-reset-email", form.cleaned_data["email"]),
                settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            ),
            (
                rate_limits.counter_key("password-reset-client", client),
                settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            ),
        ]
        if rate_limits.take(limits, settings.PASSWORD_RESET_WINDOW):
            return super().form_valid(form)
        minutes = math.ceil(settings.PASSWORD_RESET_WINDOW / 60)
        form.add_error(
            None,
            ngettext(
                "Too many password reset requests. Wait %(minutes)d minute and try again.",
                "Too many password reset requests. Wait %(minutes)d minutes and try again.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)
