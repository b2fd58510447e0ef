from lms.backends import RolePermissionBackend

HR_SKILLS_PERMISSIONS = frozenset(
    f"skills.{action}_roleexpectation" for action in ("add", "change", "delete", "view")
)


class HRSkillsBackend(RolePermissionBackend):
    """HR admins set their town's expected levels."""

    grants = {"is_hr_admin": HR_SKILLS_PERMISSIONS}
