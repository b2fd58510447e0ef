"""The back-office menu entry of a package kind's import page."""

from wagtail.admin.menu import MenuItem

from lms.http import AuthenticatedHttpRequest


class AuthorMenuItem(MenuItem):
    """Shown to those who may import packages: authors, HR admins, platform admins."""

    def is_shown(self, request: AuthenticatedHttpRequest) -> bool:
        user = request.user
        return user.is_superuser or user.is_author or user.is_hr_admin
