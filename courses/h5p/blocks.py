"""The lesson block that plays H5P content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PBlock(blocks.StructBlock):
    package = SnippetChooserBlock("courses.H5PPackage", label=_("H5P content"))
    # Empty: the content's own setting decides (courses.h5p.actions._passes).
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_(
            "Leave empty to apply the content's own pass setting (50 % when it "
            "has none)."
        ),
    )

    class Meta:
        icon = "code"
        label = _("H5P interactive content")
        template = "h5p/block.html"
