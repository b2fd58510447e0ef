from courses.actions import import_h5p
from courses.management.package_command import PackageImportCommand


class Command(PackageImportCommand):
    help = "Import an .h5p package; prints the new package id, or why it was refused."

    def import_package(self, handle, **options):
        return import_h5p(handle, **options)
