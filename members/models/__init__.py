from members.models.index_page import MembersIndexPage
from members.models.member import Kind, Member, MemberQuerySet
from members.models.reference import Comarca, Province

__all__ = ["Comarca", "Kind", "Member", "MemberQuerySet", "MembersIndexPage", "Province"]
