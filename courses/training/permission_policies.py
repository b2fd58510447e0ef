"""Who may manage trainings and their sessions in the back office: HR admins
and authors of the town that runs them, on their town's rows only."""

from courses.training.models import Training, TrainingSession
from lms.permission_policies import HR_ACTIONS, TownPermissionPolicy

GRANTS = {"is_hr_admin": HR_ACTIONS, "is_author": HR_ACTIONS}

training_policy = TownPermissionPolicy(Training, grants=GRANTS)
session_policy = TownPermissionPolicy(
    TrainingSession, grants=GRANTS, organisation_field="training__organisation"
)
