"""Who may see, choose and manage town-owned course objects in the back office."""

from courses.models import Assignment
from lms.permission_policies import HR_ACTIONS, TownPermissionPolicy

assignment_policy = TownPermissionPolicy(Assignment, grants={"is_hr_admin": HR_ACTIONS})
