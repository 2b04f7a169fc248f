import factory
from factory.django import DjangoModelFactory
from wagtail.rich_text import RichText

from services.models import ServiceCategory, ServiceIndexPage, ServicePage, ServicePageDocument
from tests.factories.pages import ContentPageFactory
from tests.factories.transparency import UploadedDocumentFactory

__all__ = ["ServiceCategoryFactory", "ServiceDocumentFactory", "ServicePageFactory"]


class ServiceCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Categoria {n}")
    slug = factory.Sequence(lambda n: f"categoria-{n}")
    description = "Serveis d’aquesta categoria."
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = ServiceCategory


class ServicePageFactory(ContentPageFactory):
    """A live service under the seeded services page, for town councils."""

    title = factory.Sequence(lambda n: f"Servei {n}")
    category = factory.SubFactory(ServiceCategoryFactory)
    for_town_councils = True
    offer = factory.LazyFunction(lambda: [("text", RichText("<ul><li>Assessorament.</li></ul>"))])
    eligibility = "<p>Els ens adherits.</p>"
    how_to_ask = "<p>Escriviu-nos.</p>"
    cost = "<p>Gratuït.</p>"

    class Meta:
        model = ServicePage

    parent = factory.LazyFunction(lambda: ServiceIndexPage.objects.get())


class ServiceDocumentFactory(DjangoModelFactory):
    page = factory.SubFactory(ServicePageFactory)
    document = factory.SubFactory(UploadedDocumentFactory)

    class Meta:
        model = ServicePageDocument
