"""The lesson block that plays a SCORM package."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class ScormBlock(blocks.StructBlock):
    package = SnippetChooserBlock("courses.ScormPackage", label=_("SCORM package"))

    class Meta:
        icon = "media"
        label = _("SCORM package")
        template = "scorm/block.html"
