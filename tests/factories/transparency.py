import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories.pages import ContentPageFactory
from transparency.models import (
    AccessRequest,
    AccessRequestPage,
    TransparencyItem,
    TransparencyItemDocument,
    TransparencySectionPage,
)

__all__ = [
    "AccessRequestFactory",
    "AccessRequestPageFactory",
    "TransparencyItemDocumentFactory",
    "TransparencyItemFactory",
    "TransparencySectionPageFactory",
    "UploadedDocumentFactory",
]


class TransparencySectionPageFactory(ContentPageFactory):
    title = factory.Sequence(lambda n: f"Apartat {n}")
    legal_reference = "Llei 19/2014, art. 13"

    class Meta:
        model = TransparencySectionPage


class AccessRequestPageFactory(ContentPageFactory):
    title = "Dret d’accés a la informació pública"
    slug = "dret-d-acces"

    class Meta:
        model = AccessRequestPage


class TransparencyItemFactory(DjangoModelFactory):
    section = factory.SubFactory(TransparencySectionPageFactory)
    title = factory.Sequence(lambda n: f"Contracte de serveis {n}")
    description = "<p>Objecte, import i adjudicatari.</p>"
    year = 2025

    class Meta:
        model = TransparencyItem

    class Params:
        with_link = factory.Trait(
            links=[
                (
                    "link",
                    {
                        "label": "Expedient a la Plataforma de contractació",
                        "url": "https://contractaciopublica.cat/ca/detall-publicacio/123",
                    },
                )
            ]
        )


class UploadedDocumentFactory(wagtail_factories.DocumentFactory):
    """A document as the admin's upload leaves it: with its size and hash recorded."""

    title = "Plec de clàusules"
    file = factory.django.FileField(filename="plec.pdf", data=b"%PDF-1.4" + b" " * 2040)

    class Meta:
        # The hook below saves what it records itself.
        skip_postgeneration_save = True

    @factory.post_generation
    def file_metadata(document, create, extracted, **kwargs):
        if create:
            document.get_file_size()
            document.get_file_hash()


class TransparencyItemDocumentFactory(DjangoModelFactory):
    item = factory.SubFactory(TransparencyItemFactory)
    document = factory.SubFactory(UploadedDocumentFactory)

    class Meta:
        model = TransparencyItemDocument


class AccessRequestFactory(DjangoModelFactory):
    name = "Marta Puig Soler"
    email = factory.Sequence(lambda n: f"persona{n}@exemple.cat")
    subject = factory.Sequence(lambda n: f"Sol·licitud {n}")
    information = "Els contractes menors del 2025."

    class Meta:
        model = AccessRequest

    class Params:
        received_on = None

    @factory.lazy_attribute
    def received_at(self):
        if self.received_on is None:
            return timezone.now()
        return timezone.make_aware(datetime.datetime.combine(self.received_on, datetime.time(10)))
