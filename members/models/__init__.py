from members.models.index_page import MembersIndexPage
from members.models.join_page import JoinPage
from members.models.member import Kind, Member, MemberQuerySet
from members.models.reference import Comarca, Province

__all__ = [
    "Comarca",
    "JoinPage",
    "Kind",
    "Member",
    "MemberQuerySet",
    "MembersIndexPage",
    "Province",
]
