"""The floor of ``bench/pages.py``: a plain Wagtail page with a lesson's body
(its heading and text blocks, with the lessons' own block templates) and
nothing about the person reading it. Installed for benchmarks only."""

from __future__ import annotations

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page


class FloorBody(blocks.StreamBlock):
    heading = blocks.CharBlock(template="courses/blocks/heading_block.html")
    text = blocks.RichTextBlock(template="courses/blocks/text_block.html")


class FloorPage(Page):
    body = StreamField(FloorBody(), blank=True)

    template = "bench_floor/floor_page.html"
