from lms.backends import RolePermissionBackend

HR_COURSE_PERMISSIONS = frozenset(
    f"courses.{action}_assignment" for action in ("add", "change", "delete", "view")
)
# The imported packages' lists (and the H5P statistics they link to); packages
# are imported through their own pages, never edited as raw snippets.
PACKAGE_VIEW_PERMISSIONS = frozenset(
    {"courses.view_h5ppackage", "courses.view_scormpackage"}
)


class CourseRolesBackend(RolePermissionBackend):
    """HR admins manage their town's mandatory training; authors and HR admins
    see the H5P and SCORM packages they can put in lessons."""

    grants = {
        "is_hr_admin": HR_COURSE_PERMISSIONS | PACKAGE_VIEW_PERMISSIONS,
        "is_author": PACKAGE_VIEW_PERMISSIONS,
    }
