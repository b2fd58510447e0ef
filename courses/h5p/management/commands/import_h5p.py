from typing import Any, BinaryIO

from courses.h5p.importing import import_h5p
from courses.h5p.models import H5PPackage
from courses.packages.command import PackageImportCommand


class Command(PackageImportCommand):
    help = (
        "Import an .h5p package; prints the new package id (and the files left "
        "out, such as Flash), or why it was refused."
    )

    def import_package(self, handle: BinaryIO, **options: Any) -> H5PPackage:
        return import_h5p(handle, report_left_out=self.report_left_out, **options)

    def report_left_out(self, names: list[str]) -> None:
        self.stderr.write("Left out (never stored or served): " + ", ".join(names))
