"""Attachments of posts: documents of the poster's town's collection, checked
for type, content and size before anything is written, shown under the post,
and downloadable by whoever may read the post — nobody else."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from courses.community import actions
from courses.community.models import ATTACHMENT_MAX_BYTES, Attachment, Post, Thread
from courses.community.tests.base import CommunityTestCase

PDF = b"%PDF-1.4\n% a small test document\n%%EOF\n"


def pdf(name: str = "horaires.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


class AttachmentTestCase(CommunityTestCase):
    def download(self, person: Any, attachment: Attachment) -> Any:
        if person is None:
            self.client.logout()
        else:
            self.client.force_login(person)
        return self.client.get(attachment.document.url)


class PostingTests(AttachmentTestCase):
    def test_a_question_carries_a_file_into_the_towns_collection(self) -> None:
        self.client.force_login(self.marc)
        response = self.client.post(
            reverse("community:thread-new", args=[self.open_data.pk]),
            {
                "kind": Thread.Kind.QUESTION,
                "title": "Nos horaires",
                "body": "Voici notre fichier.",
                "attachments": [pdf()],
            },
        )
        thread = Thread.objects.get(title="Nos horaires")
        self.assertRedirects(response, thread.get_absolute_url())
        [attachment] = Attachment.objects.filter(post__thread=thread)
        self.assertEqual(attachment.document.collection, self.other_town.collection)
        self.assertEqual(attachment.document.uploaded_by_user, self.marc)
        page = self.client.get(thread.get_absolute_url())
        self.assertContains(page, attachment.document.url)
        self.assertContains(page, "horaires.pdf")
        self.assertContains(page, f"{len(PDF)}\xa0bytes")

    def test_a_reply_files_into_the_repliers_town(self) -> None:
        thread = self.ask()
        self.client.force_login(self.ada)
        self.client.post(
            reverse("community:reply", args=[thread.pk]),
            {"body": "Notre modèle.", "attachments": [pdf("modele.pdf")]},
        )
        attachment = Attachment.objects.get(post__thread=thread)
        self.assertEqual(attachment.document.collection, self.town.collection)

    def assert_refused(self, upload: SimpleUploadedFile, error: str) -> None:
        documents = get_document_model().objects.count()
        self.client.force_login(self.marc)
        response = self.client.post(
            reverse("community:thread-new", args=[self.open_data.pk]),
            {
                "kind": Thread.Kind.DISCUSSION,
                "title": "Refusé",
                "body": "Un fichier.",
                "attachments": [upload],
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, error, status_code=400)
        self.assertFalse(Thread.objects.filter(title="Refusé").exists())
        self.assertEqual(get_document_model().objects.count(), documents)
        self.assertFalse(Attachment.objects.exists())

    def test_a_file_of_another_type_is_refused_and_nothing_is_saved(self) -> None:
        self.assert_refused(
            SimpleUploadedFile("outil.exe", b"MZ\x90\x00"),
            "this type of file is not accepted",
        )

    def test_a_file_whose_content_is_not_its_type_is_refused(self) -> None:
        self.assert_refused(
            SimpleUploadedFile("faux.pdf", b"<script>alert(1)</script>"),
            "is not a valid PDF file",
        )

    def test_a_file_too_large_is_refused(self) -> None:
        self.assert_refused(
            SimpleUploadedFile("gros.txt", b"a" * (ATTACHMENT_MAX_BYTES + 1)),
            "is too large",
        )

    def test_a_bad_reply_file_writes_no_reply(self) -> None:
        thread = self.ask()
        with self.assertRaises(ValidationError):
            actions.reply(
                self.ada,
                thread,
                body="Réponse",
                attachments=[SimpleUploadedFile("x.csv", b"a\x00b")],
            )
        self.assertEqual(Post.objects.filter(thread=thread).count(), 1)
        self.assertFalse(Attachment.objects.exists())

    def test_a_bad_file_in_the_reply_form_says_why(self) -> None:
        thread = self.ask()
        self.client.force_login(self.ada)
        response = self.client.post(
            reverse("community:reply", args=[thread.pk]),
            {"body": "Réponse", "attachments": [SimpleUploadedFile("x.exe", b"MZ")]},
            follow=True,
        )
        self.assertContains(response, "this type of file is not accepted")
        self.assertEqual(Post.objects.filter(thread=thread).count(), 1)

    def test_the_form_explains_attachments_in_the_persons_language(self) -> None:
        self.client.force_login(self.sam)  # reads French
        response = self.client.get(
            reverse("community:thread-new", args=[self.open_data.pk])
        )
        self.assertContains(response, "Pièces jointes")
        self.assertContains(response, "Facultatif : jusqu'à 3 fichiers")

    def test_at_most_three_files(self) -> None:
        with self.assertRaises(ValidationError):
            self.ask(attachments=[pdf(f"{i}.pdf") for i in range(4)])


class DownloadTests(AttachmentTestCase):
    """Marc of Montval attached a file to a question in the network community,
    and another to a message in the community kept to Montval."""

    def setUp(self) -> None:
        super().setUp()
        self.question = self.ask(attachments=[pdf()])
        self.shared = Attachment.objects.get(post__thread=self.question)
        actions.start_thread(
            self.marc,
            self.town_only,
            kind=Thread.Kind.DISCUSSION,
            title="Entre nous",
            body="Interne.",
            attachments=[pdf("interne.pdf")],
        )
        self.internal = Attachment.objects.get(post__thread__title="Entre nous")

    def test_a_member_of_another_town_of_the_network_downloads_it(self) -> None:
        response = self.download(self.ada, self.shared)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), PDF)

    def test_someone_of_another_network_cannot(self) -> None:
        self.assertEqual(self.download(self.zoe, self.shared).status_code, 404)

    def test_an_anonymous_visitor_is_sent_to_sign_in(self) -> None:
        response = self.download(None, self.shared)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_a_community_kept_to_the_town_keeps_its_files(self) -> None:
        self.assertEqual(self.download(self.ada, self.internal).status_code, 404)
        self.assertEqual(self.download(self.hugo, self.internal).status_code, 200)

    def test_a_hidden_post_no_longer_shares_its_file(self) -> None:
        actions.hide_post(self.hugo, self.shared.post)
        self.assertEqual(self.download(self.ada, self.shared).status_code, 404)
        # Montval's own people keep their town's documents.
        self.assertEqual(self.download(self.hugo, self.shared).status_code, 200)

    def test_the_thread_page_reads_attachments_in_one_query(self) -> None:
        self.client.force_login(self.marc)
        url = self.question.get_absolute_url()
        self.client.get(url)
        # The asker: user, thread (with community, author, competence), the
        # subscription, moderator?, offers, posts, their attachments (with
        # their documents).
        with self.assertNumQueries(7):
            self.client.get(url)
        actions.reply(self.ada, self.question, body="Et le nôtre.", attachments=[pdf()])
        with self.assertNumQueries(7):
            self.client.get(url)
