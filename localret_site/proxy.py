"""The visitor's address behind the load balancer, for everything that reads REMOTE_ADDR."""

from django.conf import settings


def forwarded_client_address(meta, proxies):
    """The client's address as the first of `proxies` trusted proxies saw it, or None.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    client is the `proxies`-th address from the end; whatever stands before it came from the
    client and may be forged.
    """
    forwarded = [
        address.strip()
        for address in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    return forwarded[-proxies] if len(forwarded) >= proxies else None


class ForwardedClientAddressMiddleware:
    """Set REMOTE_ADDR to the visitor's address when TRUSTED_PROXY_COUNT proxies stand in front.

    Throttles (admin log-ins, access requests) count per address; behind a proxy REMOTE_ADDR is
    the proxy's, which would make every visitor share one count.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = settings.TRUSTED_PROXY_COUNT

    def __call__(self, request):
        if self.proxies:
            address = forwarded_client_address(request.META, self.proxies)
            if address:
                request.META["REMOTE_ADDR"] = address
        return self.get_response(request)
