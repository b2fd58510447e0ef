"""Who may manage expected levels in the back office: HR admins, for their town's
job roles."""

from lms.permission_policies import HR_ACTIONS, TownPermissionPolicy
from skills.models import RoleExpectation

expectation_policy = TownPermissionPolicy(
    RoleExpectation,
    grants={"is_hr_admin": HR_ACTIONS},
    organisation_field="job_role__organisation",
)
