from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Page

from news.models import EventIndexPage


@require_safe
def serve_calendar(request, page_path):
    """`agenda.ics` under the agenda page, found as Wagtail finds the page, with Wagtail's
    checks before serving a page (view restrictions)."""
    route = Page.route_for_request(request, page_path)
    if route is None or not isinstance(route[0], EventIndexPage):
        raise Http404("no agenda here")
    page, args, kwargs = route
    for check in hooks.get_hooks("before_serve_page"):
        response = check(page, request, args, kwargs)
        if isinstance(response, HttpResponse):
            return response
    return page.calendar(request)
