"""An expected-level form sent without a level shows the field's error; before, the
model's scale check compared the missing level and the page failed."""

from django.urls import reverse

from skills.models import RoleExpectation
from skills.testing import SkillsTestCase


class ExpectationFormTests(SkillsTestCase):
    def test_a_form_without_a_level_is_shown_again_with_its_errors(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("expectations:add"),
            {"job_role": self.developer_role.pk, "competence": self.c41.pk},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(list(response.context["form"].errors), ["level"])
        self.assertFalse(RoleExpectation.objects.exists())

    def test_a_level_outside_the_scale_is_still_refused(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            reverse("expectations:add"),
            {
                "job_role": self.developer_role.pk,
                "competence": self.c41.pk,
                "level": 99,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("level", response.context["form"].errors)
        self.assertFalse(RoleExpectation.objects.exists())
