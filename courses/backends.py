from lms.backends import RolePermissionBackend

HR_COURSE_PERMISSIONS = frozenset(
    f"courses.{action}_assignment" for action in ("add", "change", "delete", "view")
)


class HRTrainingBackend(RolePermissionBackend):
    """HR admins manage their town's mandatory training."""

    grants = {"is_hr_admin": HR_COURSE_PERMISSIONS}
