"""H5P results, H5P saved state and SCORM attempts belong to the source lesson,
as lesson completions and quiz attempts do (docs/courses.md, "One course, two
languages"): rows stored against a translation move to its source."""

from django.db import migrations

# Above any real attempt number (a block keeps 100 attempts at most) and below
# a small integer's ceiling: numbers are parked there while they are redone.
PARKED = 30000


def sources_of_translations(apps):
    """``{translated lesson pk: source lesson pk}``; the source is the first page
    of its translation group (lowest pk), as ``TranslatedPage.source`` says."""
    LessonPage = apps.get_model("courses", "LessonPage")
    first, sources = {}, {}
    for pk, key in LessonPage.objects.order_by("pk").values_list(
        "pk", "translation_key"
    ):
        first.setdefault(key, pk)
        if first[key] != pk:
            sources[pk] = first[key]
    return sources


def move_to_sources(apps, schema_editor):
    sources = sources_of_translations(apps)
    if not sources:
        return
    H5PResult = apps.get_model("courses", "H5PResult")
    for translated, source in sources.items():
        H5PResult.objects.filter(lesson_id=translated).update(lesson_id=source)
    _move_user_data(apps, sources)
    _move_scorm_attempts(apps, sources)


def _move_user_data(apps, sources):
    """One saved value per key: where both languages saved one, the later wins."""
    H5PUserData = apps.get_model("courses", "H5PUserData")
    for row in H5PUserData.objects.filter(lesson_id__in=sources).order_by("pk"):
        source = sources[row.lesson_id]
        same = H5PUserData.objects.filter(
            enrolment_id=row.enrolment_id,
            lesson_id=source,
            block_id=row.block_id,
            package_id=row.package_id,
            sub_content_id=row.sub_content_id,
            data_type=row.data_type,
        )
        kept = same.first()
        if kept is not None and kept.updated_at >= row.updated_at:
            row.delete()
            continue
        same.delete()
        row.lesson_id = source
        row.save(update_fields=["lesson"])


def _move_scorm_attempts(apps, sources):
    """Attempts of a block, in both languages, numbered again in the order they
    started (the same package played in both has one series of attempts)."""
    ScormAttempt = apps.get_model("courses", "ScormAttempt")
    groups = set(
        ScormAttempt.objects.filter(lesson_id__in=sources).values_list(
            "enrolment_id", "lesson_id", "block_id", "package_id"
        )
    )
    translations = {}
    for translated, source in sources.items():
        translations.setdefault(source, [source]).append(translated)
    for enrolment_id, lesson_id, block_id, package_id in groups:
        source = sources[lesson_id]
        attempts = list(
            ScormAttempt.objects.filter(
                enrolment_id=enrolment_id,
                lesson_id__in=translations[source],
                block_id=block_id,
                package_id=package_id,
            ).order_by("started_at", "pk")
        )
        for index, attempt in enumerate(attempts):
            ScormAttempt.objects.filter(pk=attempt.pk).update(number=PARKED + index)
        for index, attempt in enumerate(attempts):
            ScormAttempt.objects.filter(pk=attempt.pk).update(
                lesson_id=source, number=index + 1
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0017_translations"),
    ]

    operations = [
        migrations.RunPython(move_to_sources, migrations.RunPython.noop),
    ]
