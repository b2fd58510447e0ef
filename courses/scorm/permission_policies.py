"""Who may see and choose SCORM packages in the back office."""

from django.db.models import Q

from courses.packages.permission_policies import PACKAGE_GRANTS
from courses.scorm.models import ScormPackage
from lms.permission_policies import TownPermissionPolicy

scorm_package_policy = TownPermissionPolicy(
    ScormPackage, grants=PACKAGE_GRANTS, shared=Q(shared=True)
)
