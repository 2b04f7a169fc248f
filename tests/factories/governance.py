import datetime

import factory
import wagtail_factories
from wagtail.models import Collection

from governance.models import GoverningBody, Person, Position, Role

__all__ = ["GoverningBodyFactory", "PersonFactory", "PortraitFactory", "PositionFactory"]


class PortraitFactory(wagtail_factories.ImageFactory):
    """A small image in the root collection, described for its alternative text."""

    title = factory.Sequence(lambda n: f"retrat-{n}.jpg")
    description = factory.Sequence(lambda n: f"Retrat número {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Persona {n:03d}")
    biography = ""

    class Meta:
        model = Person

    class Params:
        with_photo = factory.Trait(
            photo=factory.SubFactory(
                PortraitFactory,
                description=factory.LazyAttribute(
                    lambda image: f"Retrat de {image.factory_parent.name}"
                ),
            )
        )


class GoverningBodyFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Òrgan {n}")
    functions = "<p>Les funcions de l’òrgan.</p>"
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = GoverningBody


class PositionFactory(factory.django.DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(GoverningBodyFactory)
    role = Role.MEMBER
    start_date = datetime.date(2023, 7, 15)
    end_date = None

    class Meta:
        model = Position
