"""A Montval officer asks the network; Ada of Saint-Aubin, who offers her help
and whose level her manager validated, finds the question, answers; the answer
is accepted and shows in Ada's skills. Every page passes axe."""

from __future__ import annotations

import re

from courses.community import actions
from lms.testing import BrowserTestCase
from skills.actions import load_digcomp, record_evidence
from skills.models import Competence

TITLE = "Horaires des piscines en open data"


class AskTheNetworkJourney(BrowserTestCase):
    def switch_to(self, username: str) -> None:
        self.context.clear_cookies()
        self.sign_in(username)

    def test_ask_answer_accept_and_see_it_in_my_skills(self) -> None:
        version = load_digcomp()
        c13 = Competence.objects.get(version=version, code="1.3")
        record_evidence(
            self.ada, competence=c13, level=3, source="manager", recorded_by=self.ben
        )
        actions.save_preference(self.ada, helps_network=True, delivery="none")
        community = actions.create_community(
            self.hugo,
            organisation=self.other_town,
            name="Données ouvertes",
            competences=[c13],
        )
        page = self.page

        self.sign_in("marc")
        page.goto(self.url("/community/"))
        self.assert_accessible()
        page.get_by_role("link", name="Données ouvertes").click()
        page.get_by_role(
            "link", name="Poser une question ou lancer une discussion"
        ).click()
        self.assert_accessible()
        page.locator("#id_title").fill(TITLE)
        page.locator("#id_body").fill("Quel format et quelle licence ?\nMerci !")
        page.locator("#id_competence").select_option(str(c13.pk))
        page.locator("#id_needed_level").select_option("3")
        page.get_by_role(
            "checkbox", name=re.compile("Solliciter les collègues")
        ).check()
        page.get_by_role("button", name="Publier").click()
        page.wait_for_url(re.compile(r"/community/threads/\d+/$"))
        self.assertIn("proposée à 1 collègue", page.content())
        self.assert_accessible()
        thread_url = page.url

        self.switch_to("ada")
        page.goto(self.url("/community/"))
        offers = page.get_by_role("region", name="Questions des autres villes pour moi")
        offers.get_by_role("link", name=TITLE).click()
        page.wait_for_url(thread_url)
        page.locator("#id_body").fill("CSV au schéma national, Licence Ouverte.")
        page.get_by_role("button", name="Envoyer ma réponse").click()
        page.wait_for_load_state()
        self.assertIn("Votre réponse est publiée", page.content())
        self.assert_accessible()

        self.switch_to("marc")
        page.goto(thread_url)
        page.get_by_role("button", name="Accepter cette réponse").click()
        page.wait_for_load_state()
        self.assertIn("Réponse acceptée", page.content())
        self.assert_accessible()

        self.switch_to("ada")
        page.goto(self.url("/reports/my-skills/"))
        row = page.get_by_role("row", name=re.compile("1.3"))
        row.locator("summary").click()
        self.assertIn(TITLE, row.inner_text())
        self.assert_accessible()
        self.assertEqual(community.threads.get().accepted.author, self.ada)
