"""The lesson block that offers a training's sessions."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class TrainingBlock(blocks.StructBlock):
    training = SnippetChooserBlock("training.Training", label=_("Training"))

    class Meta:
        icon = "group"
        label = _("Training session")
        template = "training/block.html"
