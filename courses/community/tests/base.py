"""Two towns of one network (the personas) and a third town of another network,
DigComp loaded, a Montval community on open data open to the network and a
Montval community kept to the town."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from courses.community import actions
from courses.community.models import Community, Thread
from lms.collections import ensure_town_collection
from lms.models import Network, Organisation, User
from lms.testing import make_person
from skills.actions import record_evidence
from skills.models import Competence
from skills.testing import SkillsTestCase


class CommunityTestCase(SkillsTestCase):
    """Helpers of Saint-Aubin on 1.3 (open data), asked from Montval:

    - Ada opted in, level 3 validated by Ben: offered;
    - Sam opted in, level 4 scored by a quiz: offered first;
    - Dev opted in, level 4 self-assessed only: never offered;
    - Ben level 4 scored by a quiz, never opted in: never offered;
    - Zoé, of Farville in another network, opted in, level 4: never offered.
    """

    c13: Competence
    far_town: Organisation
    zoe: User
    open_data: Community
    town_only: Community

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.c13 = Competence.objects.get(version=cls.version, code="1.3")
        # Pages in English for the assertions; Sam keeps French (mail tests).
        User.objects.exclude(username="sam").update(preferred_language="en")
        far = Network.objects.create(name="Far", slug="far")
        cls.far_town = Organisation.objects.create(
            name="Farville", slug="farville", network=far
        )
        ensure_town_collection(cls.far_town)
        cls.zoe = make_person("zoe", cls.far_town, is_hr_admin=True)
        for person in (cls.ada, cls.sam, cls.dev, cls.zoe):
            actions.save_preference(person, helps_network=True, delivery="immediate")
        record_evidence(
            cls.ada, competence=cls.c13, level=3, source="manager", recorded_by=cls.ben
        )
        for person in (cls.sam, cls.ben, cls.zoe):
            record_evidence(person, competence=cls.c13, level=4, source="quiz")
        record_evidence(
            cls.dev, competence=cls.c13, level=4, source="self", recorded_by=cls.dev
        )
        cls.open_data = actions.create_community(
            cls.hugo,
            organisation=cls.other_town,
            name="Données ouvertes",
            competences=[cls.c13],
        )
        cls.town_only = actions.create_community(
            cls.hugo,
            organisation=cls.other_town,
            name="Montval entre nous",
            scope=Community.Scope.TOWN,
        )

    def setUp(self) -> None:
        super().setUp()
        self.enterContext(translation.override("en"))

    def ask(self, **fields: Any) -> Thread:
        """Marc of Montval asks the network about 1.3 at level 3."""
        fields.setdefault("kind", Thread.Kind.QUESTION)
        fields.setdefault("title", "Publier un jeu de données")
        fields.setdefault("body", "Comment publier nos horaires en open data ?")
        fields.setdefault("competence", self.c13)
        fields.setdefault("needed_level", 3)
        fields.setdefault("asks_network", True)
        return actions.start_thread(self.marc, self.open_data, **fields)
