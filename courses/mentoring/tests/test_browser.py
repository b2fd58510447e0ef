"""A person opts in, HR runs a round, the pair logs a session and the mentor
finishes it; every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

from courses.mentoring import actions
from courses.mentoring.models import Pair
from courses.mentoring.tests.base import give_level
from lms.testing import BrowserTestCase
from skills.actions import load_digcomp
from skills.models import Competence, Evidence


class MentoringJourneyTests(BrowserTestCase):
    def setUp(self) -> None:
        super().setUp()
        version = load_digcomp()
        self.competence = Competence.objects.get(version=version, code="4.1")
        give_level(self.marc, self.competence, 4)
        actions.save_profile(self.marc, languages=["fr"], town_preference="other")
        actions.opt_in(self.marc, competence=self.competence, role="mentor")

    def switch_to(self, username: str) -> None:
        """Sign out (the sign-in page sends a signed-in person away) and in."""
        self.context.clear_cookies()
        self.sign_in(username)

    def test_opt_in_round_session_and_finish(self) -> None:
        self.sign_in("ada")
        self.page.click("header >> text=Mentorat")
        self.page.wait_for_selector("h1:has-text('Mentorat')")
        self.assert_accessible()
        self.page.check("input[name=languages][value=fr]")
        self.page.check("input[name=town_preference][value=other]")
        self.press("Enregistrer mon profil", then="**/mentoring/")
        self.page.select_option("#id_competence", str(self.competence.pk))
        self.page.check("input[name=role][value=mentee]")
        self.page.fill("#id_target_level", "2")
        self.press("M’inscrire", then="**/mentoring/")
        self.assertIn("Mentoré", self.page.inner_text("main"))
        self.assert_accessible()

        self.switch_to("cleo")
        self.page.goto(self.url("/mentoring/rounds/"))
        self.assert_accessible()
        self.press("Lancer un appariement", then="**/mentoring/rounds/*/")
        self.assertEqual(self.page.inner_text("#round-pairs"), "1")
        self.assertIn("Ada Test", self.page.inner_text("main"))
        self.assertIn("un ou une collègue (Montval)", self.page.inner_text("main"))
        self.assert_accessible()

        pair = Pair.objects.get()
        self.switch_to("ada")
        self.page.goto(self.url(pair.get_absolute_url()))
        self.page.fill("#id_topic", "Sauvegardes et mots de passe")
        self.page.fill("#id_minutes", "45")
        self.press("Enregistrer la séance", then=f"**{pair.get_absolute_url()}")
        self.assertIn("Sauvegardes et mots de passe", self.page.inner_text("main"))
        self.assert_accessible()

        self.switch_to("marc")
        self.page.goto(self.url(pair.get_absolute_url()))
        self.page.fill("#id_level_reached", "2")
        self.press("Terminer le mentorat", then=f"**{pair.get_absolute_url()}")
        self.assertEqual(self.page.inner_text("#pair-status"), "Terminé")
        self.assertIn("2", self.page.inner_text("#level-moved"))
        self.assert_accessible()
        self.assertEqual(
            Evidence.objects.filter(source="mentoring", trust="peer").count(), 2
        )
