"""Importing an .h5p package: checked whole, its new libraries installed (a
platform admin's decision), its content stored, or nothing at all."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.h5p.models import H5PLibrary, H5PPackage
from courses.h5p.package import (
    H5PPackageInfo,
    LibraryRef,
    inspect_package,
    is_left_out,
)
from courses.packages import store as package_store
from courses.packages.checks import PackageError
from lms.models import Organisation, User


def import_h5p(
    source: BinaryIO | str,
    *,
    title: str = "",
    organisation: Organisation | None = None,
    uploaded_by: User | None = None,
    may_install_libraries: bool = True,
    report_left_out: Callable[[list[str]], object] | None = None,
) -> H5PPackage:
    """Check and store an .h5p package, whole or not at all.

    Libraries are shared by every town's content: installing a new one or a
    newer patch is a platform admin's decision. Without
    ``may_install_libraries`` (an author's upload), a package that would do so
    is refused with the libraries it brings, and the installed ones are used.

    Files H5P allows but this platform never stores (Flash, archivers'
    leftovers: ``courses.h5p.package.is_left_out``) are not extracted; once the
    package is stored, ``report_left_out`` receives their names, if any.

    Files are extracted to a staging folder first; libraries and content move into
    place only once everything is valid and the database rows are written, and
    any failure removes what was moved. Raises ``H5PError`` with every problem.
    """
    installed = {
        LibraryRef(m, a, b)
        for m, a, b in H5PLibrary.objects.values_list(
            "machine_name", "major_version", "minor_version"
        )
    }
    info = inspect_package(source, installed=installed)
    if hasattr(source, "seek"):
        source.seek(0)
    staging = package_store.h5p_root() / f"staging-{uuid.uuid4()}"
    moved: list[Path] = []
    started = timezone.now()
    try:
        with zipfile.ZipFile(source) as archive:
            archive.extractall(
                staging,
                members=[n for n in archive.namelist() if not is_left_out(n)],
            )
        with transaction.atomic():
            libraries = _install_libraries(
                info,
                staging,
                moved,
                installer=uploaded_by,
                may_install=may_install_libraries,
                now=started,
            )
            package = H5PPackage(
                title=(title or info.title)[:255],
                organisation=organisation,
                main_library=libraries[info.main_library],
                h5p_json=info.h5p_json,
                size_bytes=info.uncompressed_bytes,
                uploaded_by=uploaded_by,
            )
            package.full_clean(exclude=["main_library"])
            package.save()
            package.libraries.set([libraries[ref] for ref in info.required])
            H5PLibrary.objects.filter(
                pk__in=[library.pk for library in libraries.values()],
                installed_with=None,
                installed_at=started,
            ).update(installed_with=package)
            target = package_store.content_root(package.key)
            target.mkdir(parents=True)
            moved.append(target)
            shutil.move(str(staging / "h5p.json"), target / "h5p.json")
            shutil.move(str(staging / "content"), target / "content")
    except Exception:
        for path in reversed(moved):
            shutil.rmtree(path, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if info.left_out and report_left_out is not None:
        report_left_out(info.left_out)
    return package


def _install_libraries(
    info: H5PPackageInfo,
    staging: Path,
    moved: list[Path],
    *,
    installer: User | None,
    may_install: bool,
    now: dt.datetime,
) -> dict[LibraryRef, H5PLibrary]:
    """Rows for every required library; bundled files installed when new or
    newer (refused with ``PackageError`` unless ``may_install``)."""
    found = {
        ref: H5PLibrary.objects.select_for_update()
        .filter(
            machine_name=ref.machine_name,
            major_version=ref.major,
            minor_version=ref.minor,
        )
        .first()
        for ref in info.required
    }
    wanted = {}
    for ref in info.required:
        bundled, installed = info.libraries.get(ref), found[ref]
        if bundled and (installed is None or bundled.patch > installed.patch_version):
            wanted[ref] = bundled
    if wanted and not may_install:
        raise PackageError(
            [
                _(
                    "This package brings H5P libraries that are not installed, or "
                    "newer versions of installed ones: %(libraries)s. Libraries are "
                    "shared by every town, so a platform admin installs them: ask "
                    "one to import this package first."
                )
                % {
                    "libraries": ", ".join(
                        f"{ref.machine_name} {ref.major}.{ref.minor}.{bundled.patch}"
                        for ref, bundled in wanted.items()
                    )
                }
            ]
        )
    libraries: dict[LibraryRef, H5PLibrary] = {}
    for ref in info.required:
        existing = found[ref]
        bundled = wanted.get(ref)
        if bundled is not None:
            target = package_store.libraries_root() / ref.folder
            if (
                target.exists()
            ):  # an older patch: keep it aside until the rows are saved
                backup = target.with_name(f"{ref.folder}.old-{uuid.uuid4()}")
                target.rename(backup)
                transaction.on_commit(
                    functools.partial(shutil.rmtree, backup, ignore_errors=True)
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(staging / ref.folder), target)
            moved.append(target)
            library = existing or H5PLibrary(
                machine_name=ref.machine_name,
                major_version=ref.major,
                minor_version=ref.minor,
            )
            library.patch_version = bundled.patch
            library.installed_by = installer
            library.installed_with = None  # set to the package once it is saved
            library.installed_at = now
            library.title = bundled.title
            library.runnable = bundled.runnable
            library.metadata = bundled.metadata
            library.save()
            existing = library
        if existing is None:  # installed when checked, deleted since
            raise H5PLibrary.DoesNotExist(str(ref))
        libraries[ref] = existing
    return libraries
