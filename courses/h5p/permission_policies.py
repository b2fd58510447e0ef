"""Who may see and choose H5P content in the back office."""

from django.db.models import Q

from courses.h5p.models import H5PPackage
from courses.packages.permission_policies import PACKAGE_GRANTS
from lms.permission_policies import TownPermissionPolicy

h5p_package_policy = TownPermissionPolicy(
    H5PPackage, grants=PACKAGE_GRANTS, shared=Q(shared=True)
)
