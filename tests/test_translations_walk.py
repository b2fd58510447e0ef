"""In French, no page of the demo shows an English interface string.

Each persona of the demo (learner, manager, HR, elected official, author) signs in
with French as their language and walks every page of their site menu, and the
pages those link to (one step further, same site, no downloads). A visible text
(or an aria-label, title, placeholder or button value) that is exactly one of the
English msgids of ``locale/fr/LC_MESSAGES/django.po`` with a French translation,
or "msgid:" followed by a value, means a template shows a string it does not
translate; a few English words any interface has ("Save", "True", "Report link")
are checked as well.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase, override_settings

from lms.models import User

PERSONAS = {
    "ada": "learner",
    "ben": "manager",
    "cleo": "HR",
    "eli": "elected official",
    "aurore": "author",
}
# Pages one step from the menu, per menu page: enough to reach a course, a
# lesson, a team member, a report, without walking the whole catalogue.
LINKS_PER_PAGE = 12
SKIPPED_PATHS = re.compile(
    r"^/(admin/.+/(edit|delete|copy|move|unpublish|history|usage)|accounts/logout"
    r"|language/|static/|media/|documents/)"
    r"|\.(csv|xlsx|pdf|zip|h5p|json)$|/download|/export|/attestation"
)
# English words of any interface, whatever the .po holds.
ENGLISH_WORDS = {
    "Save",
    "Cancel",
    "Delete",
    "Edit",
    "Search",
    "Submit",
    "Next",
    "Previous",
    "Back",
    "Yes",
    "No",
    "True",
    "False",
    "Report link",
    "Moderators approval",
    "Sign in",
    "Sign out",
    "Not started",
    "In progress",
    "Completed",
}
# Language names are shown in their own language ("Français", "English"), by
# convention, wherever a language is chosen.
ENDONYMS = {"English", "Français"}
# Wagtail's own templates, not this project's: (path, text) and why.
UPSTREAM = {
    # wagtailadmin/home.html (Wagtail 8.0) hard-codes its screen-reader-only
    # search button, value="Search", outside any translation tag.
    ("/admin/", "Search"),
}
PO_FILE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def translated_msgids(path: Path = PO_FILE) -> set[str]:
    """Plain msgids (no placeholder, no plural) whose French differs from them."""
    found: set[str] = set()
    msgid = msgstr = ""
    field = ""
    plural = False

    def close() -> None:
        if msgid and msgstr and msgstr != msgid and not plural:
            if "%(" not in msgid and "{" not in msgid and "%s" not in msgid:
                found.add(" ".join(msgid.split()))

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#~"):
            continue
        if line.startswith("msgid "):
            close()
            msgid, msgstr, field, plural = json.loads(line[6:]), "", "msgid", False
        elif line.startswith("msgid_plural"):
            plural, field = True, ""
        elif line.startswith("msgstr "):
            msgstr, field = json.loads(line[7:]), "msgstr"
        elif line.startswith('"') and field == "msgid":
            msgid += json.loads(line)
        elif line.startswith('"') and field == "msgstr":
            msgstr += json.loads(line)
        elif not line:
            close()
            msgid = msgstr = field = ""
    return found


class VisibleText(HTMLParser):
    """Text nodes outside scripts and styles, and the attributes people hear or see;
    not what an element marks as in another language (``lang="en"``: the switch
    to English, an English course's title)."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link"}
    VOID |= {"meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden or foreign)

    @property
    def _skipped(self) -> bool:
        return any(skipped for _tag, skipped in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = values.get("lang") or ""
        foreign = bool(lang) and not lang.startswith("fr")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if not (self._skipped or foreign):
            for name in self.ATTRIBUTES:
                if values.get(name):
                    self.texts.append(values[name] or "")
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.texts.append(values.get("value") or "")
        if tag not in self.VOID:
            hidden = tag in ("script", "style", "template")
            self._open.append((tag, hidden or foreign))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipped and data.strip():
            self.texts.append(data)


def english_in(texts: list[str], msgids: set[str]) -> set[str]:
    found = set()
    for text in texts:
        text = " ".join(text.split())
        head = text.split(":", 1)[0].strip() if ":" in text else None
        if text in ENDONYMS:
            continue
        if text in msgids or text in ENGLISH_WORDS:
            found.add(text)
        elif head and head in msgids and len(head.split()) > 1:
            found.add(head)
    return found


@override_settings(DEBUG=True)
class FrenchPagesTests(TestCase):
    """Every persona's pages of the demo, in French."""

    msgids: set[str]
    maxDiff = None

    @classmethod
    def setUpTestData(cls) -> None:
        call_command("load_demo", stdout=io.StringIO())
        User.objects.filter(username__in=PERSONAS).update(preferred_language="fr")
        cls.msgids = translated_msgids()

    def walk(self, username: str) -> dict[str, set[str]]:
        """Each page reached (menu, then one step) with the English found on it."""
        self.client.force_login(User.objects.get(username=username))
        home = self.client.get("/", follow=True)
        menu = re.search(rb'<ul class="nav">(.*?)</ul>', home.content, re.S)
        self.assertIsNotNone(menu, "no site menu")
        assert menu is not None  # noqa: S101 - narrows the type for mypy
        parser = VisibleText()
        parser.feed(menu.group(1).decode())
        to_visit = [link for link in parser.links if self.followed(link)]
        self.assertGreaterEqual(len(to_visit), 3, f"{username}'s menu")
        menu_pages = len(to_visit)
        seen: dict[str, set[str]] = {}
        index = -1
        while index + 1 < len(to_visit):
            index += 1
            path = to_visit[index]
            if path in seen:
                continue
            response = self.client.get(path, follow=True)
            if response.status_code != 200 or "html" not in response["Content-Type"]:
                seen[path] = set()
                continue
            page = VisibleText()
            page.feed(response.content.decode())
            seen[path] = {
                text
                for text in english_in(page.texts, self.msgids)
                if (path, text) not in UPSTREAM
            }
            if index < menu_pages:  # a menu page: its links too
                base = response.request["PATH_INFO"]
                links = [
                    urlsplit(urljoin(base, link)).path
                    for link in page.links
                    if self.followed(link)
                ]
                to_visit.extend(list(dict.fromkeys(links))[:LINKS_PER_PAGE])
        return seen

    @staticmethod
    def followed(link: str) -> bool:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return False
        return not SKIPPED_PATHS.search(parts.path)

    def assert_all_french(self, username: str) -> None:
        pages = self.walk(username)
        english = {path: words for path, words in pages.items() if words}
        self.assertEqual(
            english,
            {},
            f"{PERSONAS[username]} ({username}) sees English on {len(english)} "
            f"of {len(pages)} pages",
        )

    def test_the_learners_pages_are_in_french(self) -> None:
        self.assert_all_french("ada")

    def test_the_managers_pages_are_in_french(self) -> None:
        self.assert_all_french("ben")

    def test_hrs_pages_are_in_french(self) -> None:
        self.assert_all_french("cleo")

    def test_the_elected_officials_pages_are_in_french(self) -> None:
        self.assert_all_french("eli")

    def test_the_authors_pages_are_in_french(self) -> None:
        self.assert_all_french("aurore")

    def test_the_walk_sees_an_untranslated_string(self) -> None:
        """The check itself: an English msgid in a page is caught."""
        self.assertIn("Self-assessment", self.msgids)
        self.assertEqual(
            english_in(["  Self-assessment ", "Auto-évaluation", "Ada"], self.msgids),
            {"Self-assessment"},
        )
        self.assertEqual(english_in(["True"], set()), {"True"})
        page = VisibleText()
        page.feed('<p>Vrai</p><button lang="en">English</button><p>Save</p>')
        self.assertEqual(english_in(page.texts, self.msgids), {"Save"})
