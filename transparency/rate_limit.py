"""The limits on access requests: submissions per visitor's address, and acknowledgement emails
per recipient and site-wide.

Fixed windows counted by localret_site.rate_limits: the first event opens a window, and once a
limit is reached further events are refused until it closes. With several replicas the cache
must be shared (Redis) for the limits to hold across them. Behind proxies, REMOTE_ADDR is the
visitor's address once TRUSTED_PROXY_COUNT says how many there are (localret_site.proxy).
"""

from django.conf import settings

from localret_site import rate_limits

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 60 * 60
# Anyone may type any address in the form: without these caps the acknowledgement could be used
# to send mail from the consortium to people who never asked for it.
DEFAULT_ACKNOWLEDGEMENTS_PER_ADDRESS = 3
DEFAULT_ACKNOWLEDGEMENTS_SITE_WIDE = 50
ACKNOWLEDGEMENT_WINDOW_SECONDS = 60 * 60


def limit():
    return getattr(settings, "TRANSPARENCY_ACCESS_REQUEST_LIMIT", DEFAULT_LIMIT)


def window_seconds():
    return getattr(settings, "TRANSPARENCY_ACCESS_REQUEST_WINDOW", DEFAULT_WINDOW_SECONDS)


def minutes():
    """The window in whole minutes, as the refusal message states it."""
    return max(1, -(-window_seconds() // 60))


def allow(request):
    """Count one submission from the request's address; False once the limit is passed."""
    key = rate_limits.counter_key("access-request-submissions", request.META.get("REMOTE_ADDR", ""))
    return rate_limits.take([(key, limit())], window_seconds())


def allow_acknowledgement(address):
    """Count one acknowledgement to `address`; False once this address or the whole site has
    had its hourly allowance."""
    per_address = getattr(
        settings,
        "TRANSPARENCY_ACKNOWLEDGEMENTS_PER_ADDRESS",
        DEFAULT_ACKNOWLEDGEMENTS_PER_ADDRESS,
    )
    site_wide = getattr(
        settings, "TRANSPARENCY_ACKNOWLEDGEMENTS_SITE_WIDE", DEFAULT_ACKNOWLEDGEMENTS_SITE_WIDE
    )
    limits = [
        (rate_limits.counter_key("acknowledgements", address), per_address),
        (rate_limits.counter_key("acknowledgements-site-wide", ""), site_wide),
    ]
    return rate_limits.take(limits, ACKNOWLEDGEMENT_WINDOW_SECONDS)
