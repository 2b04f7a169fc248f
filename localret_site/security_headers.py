"""Security headers that Django's SecurityMiddleware does not set: CSP and Permissions-Policy.

The public site is built to run under a strict Content-Security-Policy: no inline script or
style, no eval, nothing from another origin but the media storage's, if it has one. The
Wagtail admin writes inline scripts and styles of its own, so the paths it serves get a policy
that allows those, and nothing more.

Nothing may be framed by another page ("frame-ancestors 'none'") except what the admin shows in
an iframe of its own: the preview of a page being edited and of a StreamField block.
"""

from urllib.parse import urlsplit

from django.conf import settings

CSP_HEADER = "Content-Security-Policy"
ADMIN_PREFIX = "/admin/"

# Browser features the site never uses, denied to it and to anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def media_origin():
    """The origin of uploaded files when they live elsewhere (object storage), else ''."""
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def serialise_policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def image_sources(*extra):
    sources = ["'self'", "data:", *extra]
    return [*sources, media_origin()] if media_origin() else sources


def public_policy(frame_ancestors="'none'"):
    return serialise_policy(
        {
            "default-src": ["'self'"],
            "img-src": image_sources(),
            "style-src": ["'self'"],
            "script-src": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": [frame_ancestors],
            "base-uri": ["'self'"],
            "object-src": ["'none'"],
        }
    )


def admin_policy(frame_ancestors="'none'"):
    """What the Wagtail admin needs: its inline scripts and styles, blob: and data: images
    (upload previews), and iframes of its own (the preview panel)."""
    return serialise_policy(
        {
            "default-src": ["'self'"],
            "img-src": image_sources("blob:"),
            "style-src": ["'self'", "'unsafe-inline'"],
            "script-src": ["'self'", "'unsafe-inline'"],
            "font-src": ["'self'", "data:"],
            "connect-src": ["'self'"],
            "frame-src": ["'self'"],
            "form-action": ["'self'"],
            "frame-ancestors": [frame_ancestors],
            "base-uri": ["'self'"],
            "object-src": ["'none'"],
        }
    )


class SecurityHeadersMiddleware:
    """Add the Content-Security-Policy and Permissions-Policy to every response.

    A response that already carries a CSP keeps it: Wagtail serves documents with its own
    `default-src 'none'` policy, which is stricter than ours, and a preview gets its policy from
    the request that rendered the page (see `policy_for`).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_csp = public_policy()
        self.preview_csp = public_policy(frame_ancestors="'self'")
        self.admin_csp = admin_policy()
        self.framed_admin_csp = admin_policy(frame_ancestors="'self'")

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault(CSP_HEADER, self.policy_for(request, response))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def policy_for(self, request, response):
        # Wagtail renders a preview by running the page's own request, marked `is_preview`,
        # through the middleware; the admin then shows that response in its preview panel.
        if getattr(request, "is_preview", False):
            return self.preview_csp
        if request.path.startswith(ADMIN_PREFIX):
            # The admin views that Wagtail lets the admin frame say so with SAMEORIGIN.
            framed = response.get("X-Frame-Options") == "SAMEORIGIN"
            return self.framed_admin_csp if framed else self.admin_csp
        return self.public_csp
