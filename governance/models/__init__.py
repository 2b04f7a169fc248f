from governance.models.pages import GoverningBodiesPage
from governance.models.people import FormOfAddress, GoverningBody, Person, Position, Role
from governance.models.president import PresidentMessagePage

__all__ = [
    "FormOfAddress",
    "GoverningBodiesPage",
    "GoverningBody",
    "Person",
    "Position",
    "PresidentMessagePage",
    "Role",
]
