"""The pages: opting in, a pair's space, rounds and the summary, with who may
and who may not."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from courses.mentoring import actions
from courses.mentoring.models import MentoringProfile, MentoringSession, OptIn, Pair
from courses.mentoring.tests.base import MentoringTestCase, give_level, join
from skills.models import (
    Competence,
    CompetenceArea,
    Evidence,
    Framework,
    FrameworkVersion,
)


class OptInViewTests(MentoringTestCase):
    def test_a_learner_fills_the_profile_then_opts_in(self) -> None:
        self.client.force_login(self.ada)
        self.assertContains(
            self.client.get("/mentoring/"), "What the matching needs to know"
        )
        self.client.post(
            "/mentoring/profile/",
            {
                "languages": ["fr", "en"],
                "town_preference": "other",
                "capacity": 1,
                "availability": "Mardi matin",
            },
        )
        profile = MentoringProfile.objects.get(person=self.ada)
        self.assertEqual(
            (profile.languages, profile.town_preference), (["fr", "en"], "other")
        )
        response = self.client.post(
            "/mentoring/opt-in/",
            {"competence": self.c41.pk, "role": "mentee", "target_level": 2},
            follow=True,
        )
        self.assertContains(response, "You are opted in")
        self.assertEqual(OptIn.objects.get().target_level, 2)

    def test_opting_in_before_the_profile_is_refused_and_changes_nothing(self) -> None:
        self.client.force_login(self.ada)
        response = self.client.post(
            "/mentoring/opt-in/",
            {"competence": self.c41.pk, "role": "mentor"},
            follow=True,
        )
        self.assertContains(response, "languages and availability")
        self.assertFalse(OptIn.objects.exists())

    def test_bad_profiles_are_refused(self) -> None:
        self.client.force_login(self.ada)
        for data in (
            {"languages": [], "town_preference": "any", "capacity": 1},
            {"languages": ["xx"], "town_preference": "any", "capacity": 1},
            {"languages": ["fr"], "town_preference": "any", "capacity": 9},
            {"languages": ["fr"], "town_preference": "nowhere", "capacity": 1},
        ):
            response = self.client.post("/mentoring/profile/", data, follow=True)
            self.assertContains(response, "Check the profile")
        self.assertFalse(MentoringProfile.objects.exists())

    def test_a_mentee_must_say_the_level_wanted_and_opt_in_once(self) -> None:
        actions.save_profile(self.ada, languages=["fr"])
        self.client.force_login(self.ada)
        self.client.post(
            "/mentoring/opt-in/", {"competence": self.c41.pk, "role": "mentee"}
        )
        self.client.post(
            "/mentoring/opt-in/",
            {"competence": self.c41.pk, "role": "mentee", "target_level": 9},
        )
        self.assertFalse(OptIn.objects.exists())
        self.client.post(
            "/mentoring/opt-in/",
            {"competence": self.c41.pk, "role": "mentee", "target_level": 3},
        )
        response = self.client.post(
            "/mentoring/opt-in/",
            {"competence": self.c41.pk, "role": "mentee", "target_level": 3},
            follow=True,
        )
        self.assertContains(response, "already opted in")
        self.assertEqual(OptIn.objects.count(), 1)

    def test_another_towns_framework_is_not_offered(self) -> None:
        framework = Framework.objects.create(
            slug="montval", name="Montval", organisation=self.other_town
        )
        version = FrameworkVersion.objects.create(framework=framework, label="1")
        area = CompetenceArea.objects.create(
            version=version, code="M", name_en="M", name_fr="M"
        )
        theirs = Competence.objects.create(
            version=version, area=area, code="M.1", name_en="Theirs", name_fr="Theirs"
        )
        actions.save_profile(self.ada, languages=["fr"])
        self.client.force_login(self.ada)
        self.assertNotContains(self.client.get("/mentoring/"), "Theirs")
        self.client.post(
            "/mentoring/opt-in/", {"competence": theirs.pk, "role": "mentor"}
        )
        self.assertFalse(OptIn.objects.exists())

    def test_withdraw_is_for_the_person_only(self) -> None:
        row = join(self.ada, self.c41, "mentor")
        self.client.force_login(self.cleo)
        self.assertEqual(
            self.client.post(f"/mentoring/opt-ins/{row.pk}/withdraw/").status_code, 404
        )
        self.client.force_login(self.ada)
        self.client.post(f"/mentoring/opt-ins/{row.pk}/withdraw/")
        row.refresh_from_db()
        self.assertIsNotNone(row.closed_at)

    def test_officials_and_anonymous_visitors_do_not_opt_in(self) -> None:
        self.client.force_login(self.eli)
        self.assertEqual(self.client.get("/mentoring/").status_code, 403)
        self.client.post(
            "/mentoring/profile/",
            {"languages": ["fr"], "town_preference": "any", "capacity": 1},
        )
        self.client.logout()
        response = self.client.get("/mentoring/")
        self.assertIn("/accounts/login/", response["Location"])
        self.assertFalse(MentoringProfile.objects.exists())

    def test_a_forged_post_without_csrf_token_is_refused(self) -> None:
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.ada)
        response = client.post(
            "/mentoring/profile/",
            {"languages": ["fr"], "town_preference": "any", "capacity": 1},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(MentoringProfile.objects.exists())

    def test_the_page_costs_a_fixed_number_of_queries(self) -> None:
        join(self.ada, self.c41, "mentee", target=2)
        join(self.ada, self.c42, "mentor")
        self.client.force_login(self.ada)
        self.client.get("/mentoring/")
        # The user, the profile, the pairs, the opt-ins, the competences
        # offered, why the last round left them unmatched (whether the person
        # runs rounds needs no query for a learner).
        with self.assertNumQueries(QUERIES_HOME):
            self.assertEqual(self.client.get("/mentoring/").status_code, 200)
        actions.run_round(self.network, by=self.cleo)
        with self.assertNumQueries(QUERIES_HOME):
            self.assertContains(self.client.get("/mentoring/"), "unmatched-reason")

    def test_a_person_left_unmatched_reads_why_until_paired(self) -> None:
        """Ada asks for level 2 on 4.1 and nobody may mentor her: she reads
        the reason on her page, and no longer once a later round pairs her."""
        join(self.ada, self.c41, "mentee", target=2)
        actions.run_round(self.network, by=self.cleo)
        self.client.force_login(self.ada)
        response = self.client.get("/mentoring/")
        self.assertContains(response, "found nobody for you")
        self.assertContains(response, "No mentor at the level needed")
        give_level(self.dev, self.c41, 4)
        join(self.dev, self.c41, "mentor")
        actions.run_round(self.network, by=self.cleo)
        self.assertNotContains(self.client.get("/mentoring/"), "unmatched-reason")


QUERIES_HOME = 6


class PairTestCase(MentoringTestCase):
    """Dev (Finance, Saint-Aubin) mentors Ada on 4.1; Ben is Ada's manager."""

    def setUp(self) -> None:
        super().setUp()
        give_level(self.dev, self.c41, 4)
        join(self.dev, self.c41, "mentor")
        join(self.ada, self.c41, "mentee", target=2)
        actions.run_round(self.network, by=self.cleo)
        self.pair = Pair.objects.get()
        self.url = self.pair.get_absolute_url()


class PairViewTests(PairTestCase):
    def test_members_hr_of_their_town_and_platform_admins_read_the_pair(self) -> None:
        for person in (self.ada, self.dev, self.cleo, self.root):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url).status_code, 200, person)
        for person in (self.ben, self.sam, self.eli, self.aurore, self.hugo, self.marc):
            self.client.force_login(person)
            self.assertEqual(self.client.get(self.url).status_code, 404, person)
        self.client.logout()
        self.assertIn("/accounts/login/", self.client.get(self.url)["Location"])

    def test_either_member_logs_a_session_and_nobody_else(self) -> None:
        data = {
            "date": timezone.localdate().isoformat(),
            "minutes": 45,
            "topic": "Mots de passe",
        }
        for outsider in (self.cleo, self.ben, self.hugo):
            self.client.force_login(outsider)
            self.assertEqual(
                self.client.post(f"{self.url}sessions/", data).status_code, 404
            )
        self.assertFalse(MentoringSession.objects.exists())
        for member in (self.ada, self.dev):
            self.client.force_login(member)
            self.client.post(f"{self.url}sessions/", data)
        self.assertEqual(MentoringSession.objects.count(), 2)
        self.assertContains(self.client.get(self.url), "Mots de passe")

    def test_a_bad_session_is_explained_and_not_logged(self) -> None:
        self.client.force_login(self.ada)
        tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        for data in (
            {"date": tomorrow, "minutes": 30, "topic": "x"},
            {"date": "2020-01-01", "minutes": 30, "topic": "before it started"},
            {"date": timezone.localdate().isoformat(), "minutes": 0, "topic": "x"},
            {
                "date": timezone.localdate().isoformat(),
                "minutes": 30,
                "topic": "x" * 201,
            },
        ):
            response = self.client.post(f"{self.url}sessions/", data, follow=True)
            self.assertContains(response, "message--error")
        self.assertFalse(MentoringSession.objects.exists())

    def test_the_mentor_finishes_and_evidence_is_recorded_for_both(self) -> None:
        self.client.force_login(self.dev)
        response = self.client.post(
            f"{self.url}finish/", {"level_reached": 2}, follow=True
        )
        self.assertContains(response, "Log at least one session")
        actions.log_session(
            self.pair,
            by=self.ada,
            date=timezone.localdate(),
            minutes=60,
            topic="Sauvegardes",
        )
        self.client.force_login(self.ada)
        response = self.client.post(
            f"{self.url}finish/", {"level_reached": 2}, follow=True
        )
        self.assertContains(response, "The mentor finishes")
        self.client.force_login(self.dev)
        response = self.client.post(
            f"{self.url}finish/", {"level_reached": 5}, follow=True
        )
        self.assertContains(response, "between 1 and your own")
        self.assertFalse(Evidence.objects.filter(source="mentoring").exists())
        self.client.post(f"{self.url}finish/", {"level_reached": 2})
        self.pair.refresh_from_db()
        self.assertEqual((self.pair.status, self.pair.level_reached), ("finished", 2))
        rows = Evidence.objects.filter(source="mentoring").order_by("person_id")
        self.assertEqual(
            {(e.person_id, e.level, e.trust) for e in rows},
            {(self.ada.pk, 2, "peer"), (self.dev.pk, 4, "peer")},
        )
        self.assertIsNotNone(
            self.pair.request.__class__.objects.get(pk=self.pair.request_id).closed_at
        )
        # The mentee's month-end level now says 2 (peer evidence, nothing verified).
        page = self.client.get(self.url)
        self.assertContains(page, "The level rose by 2 since the start")
        self.assertEqual(
            self.client.post(
                f"{self.url}sessions/",
                {
                    "date": timezone.localdate().isoformat(),
                    "minutes": 30,
                    "topic": "late",
                },
            ).status_code,
            302,
        )
        self.assertEqual(MentoringSession.objects.count(), 1)

    def test_either_member_stops_early_without_evidence(self) -> None:
        self.client.force_login(self.ada)
        self.client.post(f"{self.url}end/")
        self.pair.refresh_from_db()
        self.assertEqual(self.pair.status, "ended")
        self.assertFalse(Evidence.objects.filter(source="mentoring").exists())
        # The request is open again for the next round.
        self.assertIsNone(OptIn.objects.get(person=self.ada).closed_at)

    def test_the_pair_page_costs_a_fixed_number_of_queries(self) -> None:
        actions.log_session(
            self.pair, by=self.ada, date=timezone.localdate(), minutes=60, topic="A"
        )
        self.client.force_login(self.ada)
        self.client.get(self.url)
        # The user, the pair (members, towns, competence), the snapshots,
        # the sessions.
        with self.assertNumQueries(QUERIES_PAIR):
            self.assertEqual(self.client.get(self.url).status_code, 200)


QUERIES_PAIR = 4


class RoundViewTests(MentoringTestCase):
    def setUp(self) -> None:
        super().setUp()
        give_level(self.marc, self.c41, 4)
        join(self.marc, self.c41, "mentor")  # Montval
        join(self.ada, self.c41, "mentee", target=2)  # Saint-Aubin
        join(self.dev, self.c42, "mentee", target=3)  # nobody can mentor him

    def test_who_reaches_the_rounds_page(self) -> None:
        for person in (self.cleo, self.hugo, self.root):
            self.client.force_login(person)
            self.assertEqual(self.client.get("/mentoring/rounds/").status_code, 200)
        for person in (self.ada, self.ben, self.eli, self.aurore):
            self.client.force_login(person)
            self.assertEqual(self.client.get("/mentoring/rounds/").status_code, 403)
            self.client.post("/mentoring/rounds/", {"network": self.network.pk})
        self.assertFalse(Pair.objects.exists())

    def test_hr_runs_a_round_and_sees_its_town_only(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post(
            "/mentoring/rounds/", {"network": self.network.pk}, follow=True
        )
        self.assertContains(response, "Round done: 1 pairs")
        # Cleo's town: Ada by name, her Montval mentor by town only; Dev's reason.
        self.assertContains(response, "Ada Test")
        self.assertContains(response, "a colleague of Montval")
        self.assertNotContains(response, "Marc Test")
        self.assertContains(response, "No mentor at the level needed")
        round_url = response.redirect_chain[-1][0]
        self.client.force_login(self.hugo)
        response = self.client.get(round_url)
        self.assertContains(response, "Marc Test")
        self.assertContains(response, "a colleague of Saint-Aubin")
        self.assertNotContains(response, "Dev Test")

    def test_a_round_without_a_network_chosen_changes_nothing(self) -> None:
        self.client.force_login(self.cleo)
        response = self.client.post("/mentoring/rounds/", {}, follow=True)
        self.assertContains(response, "Choose the network")
        self.client.post("/mentoring/rounds/", {"network": 999999})
        self.assertFalse(Pair.objects.exists())

    def test_another_networks_hr_gets_404_on_the_round(self) -> None:
        from lms.models import Network, Organisation
        from lms.testing import make_person

        far = Organisation.objects.create(
            name="Loin",
            slug="loin",
            network=Network.objects.create(name="Far", slug="far"),
        )
        stranger = make_person("stranger", far, is_hr_admin=True)
        round_ = actions.run_round(self.network, by=self.cleo)
        self.client.force_login(stranger)
        self.assertEqual(self.client.get(round_.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get("/mentoring/rounds/"), "Val Vert")
        self.client.post("/mentoring/rounds/", {"network": self.network.pk})
        self.assertEqual(Pair.objects.count(), 1)

    def test_the_rounds_page_costs_a_fixed_number_of_queries(self) -> None:
        actions.run_round(self.network, by=self.cleo)
        self.client.force_login(self.cleo)
        self.client.get("/mentoring/rounds/")
        with self.assertNumQueries(QUERIES_ROUNDS):
            self.assertEqual(self.client.get("/mentoring/rounds/").status_code, 200)


QUERIES_ROUNDS = 8


class SummaryViewTests(MentoringTestCase):
    def test_officials_and_hr_see_figures_only_about_five_people_or_more(self) -> None:
        give_level(self.dev, self.c41, 4)
        join(self.dev, self.c41, "mentor", capacity=5)
        join(self.ada, self.c41, "mentee", target=2)
        actions.run_round(self.network, by=self.cleo)
        self.client.force_login(self.eli)
        self.assertContains(self.client.get("/mentoring/summary/"), "Not shown")
        from lms.testing import make_person

        for n in range(4):
            person = make_person(f"extra{n}", self.town)
            join(person, self.c41, "mentee", target=1)
        actions.run_round(self.network, by=self.cleo)
        pair = Pair.objects.filter(mentee=self.ada).get()
        actions.log_session(
            pair,
            by=self.ada,
            date=timezone.localdate(),
            minutes=90,
            topic="Secret topic",
        )
        for person in (self.eli, self.cleo):
            self.client.force_login(person)
            response = self.client.get("/mentoring/summary/")
            self.assertContains(response, "<dd>6</dd>", html=False)
            self.assertContains(response, "<dd>1.5</dd>", html=False)
            self.assertNotContains(response, "Ada")
            self.assertNotContains(response, "Secret topic")

    def test_learners_and_managers_get_no_summary(self) -> None:
        for person in (self.ada, self.ben):
            self.client.force_login(person)
            self.assertEqual(self.client.get("/mentoring/summary/").status_code, 403)

    def test_hr_of_another_town_reads_its_own_town(self) -> None:
        self.client.force_login(self.hugo)
        response = self.client.get(f"/mentoring/summary/?organisation={self.town.pk}")
        self.assertContains(response, "Mentoring in Montval")
