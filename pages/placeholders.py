from django.conf import settings
from django.db.models import Q
from wagtail.models import get_page_models


def pages_with_placeholders(marker=None):
    """Live pages whose text still holds the placeholder marker, in tree order.

    Each page type names the fields to scan in `placeholder_fields`; one query per such type.
    """
    marker = marker or settings.CONTENT_PLACEHOLDER_MARKER
    found = []
    for model in get_page_models():
        fields = getattr(model, "placeholder_fields", ())
        if not fields:
            continue
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": marker})
        found.extend(model.objects.live().filter(condition))
    return sorted(found, key=lambda page: page.path)
