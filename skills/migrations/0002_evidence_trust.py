"""Evidence gets a trust level. Rows recorded before are classified by their
source, as the rule would read them (skills.rules.TRUST_OF_SOURCE); course
completions recorded before trust levels existed count as scored by the
platform."""

from django.db import migrations, models

TRUST_OF_SOURCE = {
    "self": "self",
    "manager": "manager",
    "import": "import",
    "quiz": "server",
    "course": "server",
    "h5p": "content",
    "scorm": "content",
}


def classify(apps, schema_editor):
    Evidence = apps.get_model("skills", "Evidence")
    for source, trust in TRUST_OF_SOURCE.items():
        Evidence.objects.filter(source=source).update(trust=trust)


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="evidence",
            name="trust",
            field=models.CharField(
                choices=[
                    ("server", "Scored by the platform"),
                    ("content", "Reported by the content"),
                    ("self", "Self-assessed"),
                    ("manager", "Validated by a manager"),
                    ("import", "Outside assessment"),
                ],
                default="server",
                max_length=10,
                verbose_name="trust",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(classify, migrations.RunPython.noop),
    ]
