"""Who may see, choose and manage town-owned course objects in the back office."""

from django.db.models import Q

from courses.models import Assignment, H5PPackage, ScormPackage
from lms.permission_policies import HR_ACTIONS, TownPermissionPolicy

assignment_policy = TownPermissionPolicy(Assignment, grants={"is_hr_admin": HR_ACTIONS})
# Authors and HR admins read and choose their town's packages and the shared
# ones; packages come in through their import pages, and only platform admins
# edit, share or delete them here.
PACKAGE_GRANTS = {"is_author": {"view", "choose"}, "is_hr_admin": {"view", "choose"}}
h5p_package_policy = TownPermissionPolicy(
    H5PPackage, grants=PACKAGE_GRANTS, shared=Q(shared=True)
)
scorm_package_policy = TownPermissionPolicy(
    ScormPackage, grants=PACKAGE_GRANTS, shared=Q(shared=True)
)
