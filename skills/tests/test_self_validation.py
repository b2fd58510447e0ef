"""Nobody records a manager validation on themselves, even where old data lets
the management chain loop back to them (here Ben manages Ada and, wrongly, Ada
manages Ben, so Ben is among his own reports)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from lms.models import User
from skills import actions
from skills.models import Evidence
from skills.testing import SkillsTestCase


class SelfValidationTests(SkillsTestCase):
    def setUp(self) -> None:
        super().setUp()
        User.objects.filter(pk=self.ben.pk).update(manager=self.ada)

    def test_the_action_refuses_a_validation_of_oneself(self) -> None:
        with (
            translation.override("en"),
            self.assertRaisesMessage(
                PermissionDenied, "Nobody can validate their own level"
            ),
        ):
            actions.record_evidence(
                self.ben,
                competence=self.c41,
                level=4,
                source=Evidence.Source.MANAGER,
                recorded_by=self.ben,
            )
        self.assertFalse(Evidence.objects.exists())

    def test_the_manager_still_validates_a_report(self) -> None:
        actions.record_evidence(
            self.ada,
            competence=self.c41,
            level=3,
            source=Evidence.Source.MANAGER,
            recorded_by=self.ben,
        )
        self.assertEqual(Evidence.objects.get().recorded_by, self.ben)

    def test_the_validation_page_says_why_and_records_nothing(self) -> None:
        self.client.force_login(self.ben)
        response = self.client.post(
            reverse("skills:validate", args=[self.ben.pk]),
            {"competence": self.c41.pk, "level": 4},
            follow=True,
        )
        self.assertContains(response, "Personne ne peut valider son propre niveau")
        self.assertFalse(Evidence.objects.exists())
        self.client.post(
            reverse("skills:validate", args=[self.ada.pk]),
            {"competence": self.c41.pk, "level": 3},
        )
        self.assertEqual(Evidence.objects.get().person, self.ada)
