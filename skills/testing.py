from lms.testing import PersonasTestCase
from skills.actions import load_digcomp
from skills.models import Competence


class SkillsTestCase(PersonasTestCase):
    """The personas with DigComp 3.0 loaded; ``c41`` is 4.1 Protecting devices."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.version = load_digcomp()
        cls.c41 = Competence.objects.get(version=cls.version, code="4.1")
        cls.c42 = Competence.objects.get(version=cls.version, code="4.2")
