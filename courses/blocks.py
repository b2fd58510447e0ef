"""StreamField blocks for lesson bodies. Each block has a template in
``templates/courses/blocks/``. Quiz answers are scored on the server from the
published block, never from anything the browser says about correctness."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from courses import activities
from courses.choices import (
    CALLOUT_KINDS,
    CAPTION_LANGUAGES,
    QUESTION_KINDS,
    QuestionKind,
)


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.CharBlock(
        label=_("Feedback when chosen"), required=False, max_length=500
    )

    class Meta:
        icon = "tick"
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    Kind = QuestionKind

    kind = blocks.ChoiceBlock(
        label=_("Kind"), choices=QUESTION_KINDS, default=QuestionKind.SINGLE
    )
    text = blocks.CharBlock(label=_("Question"), max_length=1000)
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Answers"), min_num=2)
    explanation = blocks.TextBlock(
        label=_("Explanation shown after answering"), required=False
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if correct == 0:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Mark at least one answer correct."))
                }
            )
        if value["kind"] != self.Kind.MULTIPLE and correct != 1:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(_("Mark exactly one answer correct."))
                }
            )
        if value["kind"] == self.Kind.TRUE_FALSE and len(value["choices"]) != 2:
            raise StructBlockValidationError(
                block_errors={
                    "choices": ValidationError(
                        _("A true/false question has two answers.")
                    )
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=70
    )
    max_attempts = blocks.IntegerBlock(
        label=_("Maximum attempts (0 for unlimited)"), min_value=0, default=3
    )
    shuffle = blocks.BooleanBlock(
        label=_("Shuffle questions and answers"), required=False, default=False
    )
    questions = blocks.ListBlock(QuestionBlock(), label=_("Questions"), min_num=1)
    competence_code = blocks.CharBlock(
        label=_("Competence demonstrated (code, e.g. 4.1)"),
        required=False,
        max_length=20,
        help_text=_("Passing the quiz then counts as evidence at the level below."),
    )
    competence_level = blocks.IntegerBlock(
        label=_("Level demonstrated"), required=False, min_value=1, max_value=8
    )

    class Meta:
        icon = "form"
        label = _("Quiz")
        template = "courses/blocks/quiz_block.html"


class VideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    captions_language = blocks.ChoiceBlock(
        label=_("Captions language"),
        choices=CAPTION_LANGUAGES,
        default="fr",
    )
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"


class ResourceBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("File"))
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable resource")
        template = "courses/blocks/resource_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=CALLOUT_KINDS,
        default="tip",
    )
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "pick"
        label = _("Callout")
        template = "courses/blocks/callout_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        template="courses/blocks/heading_block.html",
    )
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "h4", "bold", "italic", "link", "ol", "ul", "blockquote"],
        template="courses/blocks/text_block.html",
    )
    image = ImageBlock(label=_("Image"), template="courses/blocks/image_block.html")
    video = VideoBlock()
    resource = ResourceBlock()
    callout = CalloutBlock()
    quiz = QuizBlock()

    def __init__(self, local_blocks: Any = None, **kwargs: Any) -> None:
        # Then the blocks of every registered activity kind (H5P, SCORM…): the
        # lesson body is built on first use, once every app is ready.
        super().__init__([*activities.lesson_blocks(), *(local_blocks or [])], **kwargs)
