"""Demo courses in French and English: real, short, useful content for town staff
and elected officials, one module per course. Loaded by ``manage.py load_demo``."""

from courses.demo.content.cybersecurity import CYBER_EN, CYBER_FR
from courses.demo.content.online_services import ACCESS_EN, ACCESS_FR
from courses.demo.content.open_data import OPEN_DATA_EN, OPEN_DATA_FR
from courses.demo.content.resources import DEMO_RESOURCES
from courses.demo.content.strategy import STRATEGY_EN, STRATEGY_FR

# Each course once, in French; its English version is its translation (made
# through Wagtail's copy for translation, ``courses.demo.catalogue``).
DEMO_COURSES = [CYBER_FR, OPEN_DATA_FR, ACCESS_FR, STRATEGY_FR]
DEMO_TRANSLATIONS = {
    CYBER_FR["slug"]: CYBER_EN,
    OPEN_DATA_FR["slug"]: OPEN_DATA_EN,
    ACCESS_FR["slug"]: ACCESS_EN,
    STRATEGY_FR["slug"]: STRATEGY_EN,
}

__all__ = ["DEMO_COURSES", "DEMO_RESOURCES", "DEMO_TRANSLATIONS"]
