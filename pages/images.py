from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model


def prefetch_renditions(images, *filter_specs):
    """Fetch the renditions of many already-loaded images in one query.

    For images that reach a template through a StreamField rather than a queryset, where
    `ImageQuerySet.prefetch_renditions` cannot be used; `{% image %}` then finds them without
    a query per image.
    """
    images = [image for image in images if image is not None]
    rendition_model = get_image_model().get_rendition_model()
    prefetch_related_objects(
        images,
        Prefetch(
            "renditions",
            queryset=rendition_model.objects.filter(filter_spec__in=filter_specs),
            to_attr="prefetched_renditions",
        ),
    )
