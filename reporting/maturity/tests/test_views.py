"""The maturity pages: who may open, invite, answer, read; bad input changes
nothing; query counts pinned on the results and the form."""

from __future__ import annotations

from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from reporting.maturity import actions
from reporting.maturity.models import Answer, Assessment, Group, Invitation, Question
from reporting.maturity.tests.base import MaturityTestCase


class OpenTests(MaturityTestCase):
    URL = reverse("maturity:open")

    def test_hr_opens_its_towns_assessment(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(self.URL, {"year": 2026})
        assessment = Assessment.objects.get()
        self.assertRedirects(
            response, reverse("maturity:assessment", args=[assessment.pk])
        )
        self.assertEqual(assessment.organisation, self.town)

    def test_others_may_not_open(self) -> None:
        for person in (self.ada, self.eli, self.ben):
            with self.subTest(person=person.username):
                self.client.force_login(person)
                self.assertEqual(
                    self.client.post(self.URL, {"year": 2026}).status_code, 403
                )
        self.client.logout()
        self.assertEqual(self.client.post(self.URL, {"year": 2026}).status_code, 302)
        self.assertFalse(Assessment.objects.exists())

    def test_a_bad_year_or_a_second_one_is_refused_and_changes_nothing(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(self.URL, {"year": "soon"}, follow=True)
        self.assertContains(response, 'class="message message--error"', html=False)
        self.assertFalse(Assessment.objects.exists())
        self.client.post(self.URL, {"year": 2026})
        response = self.client.post(self.URL, {"year": 2026}, follow=True)
        self.assertContains(response, "déjà une évaluation pour 2026")
        self.assertEqual(Assessment.objects.count(), 1)


class AssessmentPageTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.open()
        self.detail = reverse("maturity:assessment", args=[self.assessment.pk])
        self.invite = reverse("maturity:invite", args=[self.assessment.pk])
        self.results = reverse("maturity:results", args=[self.assessment.pk])

    def test_hr_of_the_town_invites_and_the_person_is_mailed(self) -> None:
        """The e-mail is in the person's language and links to their form."""
        self.client.force_login(self.cleo)
        self.assertEqual(self.client.get(self.detail).status_code, 200)
        self.eli.preferred_language = "en"
        self.eli.save()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                self.invite, {"person": self.eli.pk, "group": Group.ELECTED}
            )
        invitation = Invitation.objects.get(person=self.eli)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [self.eli.email])
        self.assertIn("your answers are awaited", mail.outbox[0].subject)
        self.assertIn(
            reverse("maturity:respond", args=[invitation.pk]), mail.outbox[0].body
        )

    def test_an_official_answers_as_an_official_only(self) -> None:
        """Staff cannot be invited as elected officials, nor an official as
        staff; a person of another town cannot be invited at all."""
        self.client.force_login(self.cleo)
        for person, group in (
            (self.ada, Group.ELECTED),
            (self.eli, Group.IT),
            (self.marc, Group.DEPARTMENTS),
        ):
            self.client.post(self.invite, {"person": person.pk, "group": group})
        self.assertFalse(Invitation.objects.exists())

    def test_hr_of_another_town_gets_404(self) -> None:
        self.client.force_login(self.hugo)
        for url in (self.detail, self.results):
            self.assertEqual(self.client.get(url).status_code, 404)
        response = self.client.post(
            self.invite, {"person": self.marc.pk, "group": "it"}
        )
        self.assertEqual(response.status_code, 404)
        close = self.client.post(reverse("maturity:close", args=[self.assessment.pk]))
        self.assertEqual(close.status_code, 404)
        self.assertFalse(Invitation.objects.exists())
        self.assertTrue(Assessment.objects.get().is_open)

    def test_officials_read_results_but_do_not_manage(self) -> None:
        self.client.force_login(self.eli)
        self.assertEqual(self.client.get(self.results).status_code, 200)
        self.assertEqual(self.client.get(self.detail).status_code, 403)
        response = self.client.post(
            self.invite, {"person": self.eli.pk, "group": "elected"}
        )
        self.assertEqual(response.status_code, 403)

    def test_learners_and_managers_read_nothing(self) -> None:
        for person in (self.ada, self.ben):
            self.client.force_login(person)
            with self.subTest(person=person.username):
                self.assertEqual(self.client.get(self.results).status_code, 403)
                self.assertEqual(self.client.get(self.detail).status_code, 403)

    def test_anonymous_is_sent_to_sign_in(self) -> None:
        for url in (self.detail, self.results, reverse("maturity:home")):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("login"), response["Location"])

    def test_the_results_page_reads_a_fixed_number_of_queries(self) -> None:
        """Whatever the number of respondents: the session, its user, the
        assessment (with its town), its dimensions, the answers, the skills
        month, the questions' texts, the previous assessment."""
        self.answer(self.assessment, self.ben, Group.MANAGEMENT, {"data": 3})
        self.client.force_login(self.cleo)
        self.client.get(self.results)
        with self.assertNumQueries(8):
            self.client.get(self.results)
        self.answer(self.assessment, self.ada, Group.IT, {"data": 1})
        self.answer(self.assessment, self.dev, Group.DEPARTMENTS, {"data": 4})
        with self.assertNumQueries(8):
            response = self.client.get(self.results)
        self.assertContains(response, 'id="radar-data"')


class RespondTests(MaturityTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.assessment = self.open()
        self.invitation = actions.invite(
            self.assessment, person=self.ada, group=Group.IT
        )
        self.url = reverse("maturity:respond", args=[self.invitation.pk])
        self.questions = actions.questions_for(self.invitation)

    def test_the_respondent_saves_part_and_comes_back(self) -> None:
        self.client.force_login(self.ada)
        first, second = self.questions[:2]
        response = self.client.post(
            self.url, {f"q{first.pk}": "3", f"q{second.pk}": "x", "save": ""}
        )
        self.assertRedirects(response, self.url)
        self.assertEqual(
            dict(Answer.objects.values_list("question_id", "level")),
            {first.pk: 3, second.pk: None},
        )
        self.invitation.refresh_from_db()
        self.assertIsNone(self.invitation.submitted_at)
        page = self.client.get(self.url)
        self.assertContains(
            page, f'value="3" id="id_q{first.pk}_3" checked', html=False
        )
        self.assertContains(page, "2 questions sur")
        self.client.post(self.url, {f"q{first.pk}": "4", "submit": ""})
        self.invitation.refresh_from_db()
        self.assertIsNotNone(self.invitation.submitted_at)
        self.assertEqual(Answer.objects.get(question=first).level, 4)

    def test_the_form_asks_only_the_groups_questions(self) -> None:
        """IT is asked the security question; an official is not."""
        security = Question.objects.get(code="security")
        self.assertIn(security, self.questions)
        self.client.force_login(self.ada)
        self.assertContains(self.client.get(self.url), escape(security.text_fr))
        official = actions.invite(self.assessment, person=self.eli, group=Group.ELECTED)
        self.assertNotIn(security, actions.questions_for(official))

    def test_a_bad_level_or_another_groups_question_changes_nothing(self) -> None:
        self.client.force_login(self.ada)
        question = self.questions[0]
        response = self.client.post(self.url, {f"q{question.pk}": "9", "save": ""})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Answer.objects.exists())
        from django.core.exceptions import ValidationError

        budget = Question.objects.get(code="vision-written")  # management, elected
        with self.assertRaises(ValidationError):
            actions.save_answers(
                self.invitation, levels={question.pk: 2, budget.pk: 3}, submit=True
            )
        self.assertFalse(Answer.objects.exists())

    def test_only_the_invited_person_answers(self) -> None:
        """Someone else of the town, the town's HR, HR of another town: 404."""
        question = self.questions[0]
        for person in (self.ben, self.cleo, self.hugo, self.eli):
            self.client.force_login(person)
            with self.subTest(person=person.username):
                self.assertEqual(self.client.get(self.url).status_code, 404)
                response = self.client.post(self.url, {f"q{question.pk}": "2"})
                self.assertEqual(response.status_code, 404)
        self.assertFalse(Answer.objects.exists())

    def test_a_closed_assessment_keeps_its_answers(self) -> None:
        actions.close_assessment(self.assessment)
        self.client.force_login(self.ada)
        question = self.questions[0]
        response = self.client.post(
            self.url, {f"q{question.pk}": "2", "save": ""}, follow=True
        )
        self.assertContains(response, "Cette évaluation est close")
        self.assertFalse(Answer.objects.exists())

    def test_the_form_reads_a_fixed_number_of_queries(self) -> None:
        """The session, its user, the invitation, its questions, their
        dimensions and the dimensions' levels, the earlier answers."""
        self.client.force_login(self.ada)
        self.client.get(self.url)
        with self.assertNumQueries(7):
            self.client.get(self.url)


class TownQuestionTests(MaturityTestCase):
    URL = reverse("maturity:questions")

    def test_a_towns_question_is_never_shown_to_another_town(self) -> None:
        data = self.questionnaire.dimensions.get(code="data")
        self.client.force_login(self.cleo)
        self.client.post(
            self.URL,
            {
                "dimension": data.pk,
                "text_fr": "Question de Saint-Aubin",
                "groups": ["it", "management"],
            },
        )
        own = Question.objects.get(organisation=self.town)
        self.assertEqual(own.groups, ["management", "it"])
        other = actions.open_assessment(self.hugo, year=2026)
        invitation = actions.invite(other, person=self.marc, group=Group.IT)
        self.assertNotIn(own, actions.questions_for(invitation))
        self.client.force_login(self.hugo)
        self.assertNotContains(self.client.get(self.URL), "Question de Saint-Aubin")

    def test_a_question_without_text_or_group_is_refused(self) -> None:
        data = self.questionnaire.dimensions.get(code="data")
        self.client.force_login(self.cleo)
        response = self.client.post(self.URL, {"dimension": data.pk, "groups": ["it"]})
        self.assertContains(response, "Rédigez la question en français ou en anglais")
        self.client.post(self.URL, {"dimension": data.pk, "text_fr": "Q"})
        self.assertFalse(Question.objects.filter(organisation__isnull=False).exists())

    def test_only_hr_adds_questions(self) -> None:
        for person in (self.ada, self.eli):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.URL).status_code, 403)


class CouncilSummaryTests(MaturityTestCase):
    URL = reverse("reporting:council-dashboard")

    def test_officials_read_the_latest_results_in_plain_words(self) -> None:
        assessment = self.open()
        self.answer(assessment, self.eli, Group.ELECTED, {"strategy": 4})
        self.answer(assessment, self.dev, Group.DEPARTMENTS, {"strategy": 1})
        self.client.force_login(self.eli)
        response = self.client.get(self.URL)
        self.assertContains(response, 'id="maturity-summary"')
        self.assertContains(response, "sur 5")  # French: the official's language
        self.assertContains(response, reverse("maturity:results", args=[assessment.pk]))

    def test_another_towns_results_never_show(self) -> None:
        other = actions.open_assessment(self.hugo, year=2026)
        self.answer(other, self.marc, Group.DEPARTMENTS, {"data": 5})
        self.client.force_login(self.eli)
        response = self.client.get(self.URL)
        self.assertContains(response, "maturity-summary")
        self.assertNotContains(response, reverse("maturity:results", args=[other.pk]))


class HomeTests(MaturityTestCase):
    def test_a_respondent_finds_their_invitation_and_nothing_else(self) -> None:
        assessment = self.open()
        invitation = actions.invite(assessment, person=self.ada, group=Group.IT)
        self.client.force_login(self.ada)
        response = self.client.get(reverse("maturity:home"))
        self.assertContains(response, reverse("maturity:respond", args=[invitation.pk]))
        self.assertNotContains(
            response, reverse("maturity:results", args=[assessment.pk])
        )
