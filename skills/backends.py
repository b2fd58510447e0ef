from typing import Any

from django.contrib.auth.backends import BaseBackend

HR_SKILLS_PERMISSIONS = frozenset(
    f"skills.{action}_roleexpectation" for action in ("add", "change", "delete", "view")
)


class HRSkillsBackend(BaseBackend):
    """HR admins set their town's expected levels; scoping is done by the views."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(HR_SKILLS_PERMISSIONS) if user_obj.is_hr_admin else set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user_obj, obj)
