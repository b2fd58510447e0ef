import django.db.models.deletion
from django.db import migrations, models

# The content languages (settings.WAGTAIL_CONTENT_LANGUAGES), French the default.
LANGUAGES = ["fr", "en"]


def create_locales(apps, schema_editor):
    """A Locale for each content language. Existing pages keep theirs: Wagtail
    gave every page the default locale (French) when it was created."""
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0016_assignment_existing_staff_due_date"),
        ("lms", "0006_export_kind_training"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        # A town's section and its translations name the same town.
        migrations.AlterField(
            model_name="organisationcataloguepage",
            name="organisation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="catalogue_pages",
                to="lms.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.RunPython(create_locales, migrations.RunPython.noop),
    ]
