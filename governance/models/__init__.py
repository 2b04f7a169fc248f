from governance.models.pages import GoverningBodiesPage
from governance.models.people import GoverningBody, Person, Position, Role
from governance.models.president import PresidentMessagePage

__all__ = [
    "GoverningBodiesPage",
    "GoverningBody",
    "Person",
    "Position",
    "PresidentMessagePage",
    "Role",
]
