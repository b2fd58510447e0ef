from courses.packages.command import PackageImportCommand
from courses.scorm.actions import import_scorm


class Command(PackageImportCommand):
    help = (
        "Import a SCORM 1.2 or 2004 zip; prints the package id, its version and its "
        "number of SCOs, or why it was refused."
    )

    def import_package(self, handle, **options):
        return import_scorm(handle, **options)

    def describe(self, package) -> str:
        scos = package.scos.filter(is_sco=True).count()
        return f"{package.pk} {package.version_label} {scos} SCO(s)"
