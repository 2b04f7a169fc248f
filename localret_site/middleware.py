from localret_site.views import healthz


class HealthCheckMiddleware:
    """Answer /healthz before anything checks the Host header.

    Load balancers and container probes address replicas by IP, which is not in
    ALLOWED_HOSTS; the health check must not depend on the host name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return healthz(request)
        return self.get_response(request)
