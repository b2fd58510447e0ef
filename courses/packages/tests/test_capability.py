"""A capability carries the right to load one package's files: signed, expiring,
for one package and kind, and only while its holder may still open it."""

import dataclasses
import datetime as dt

import time_machine
from django.core import signing
from django.http import Http404

from courses.packages import capability
from lms.testing import PersonasTestCase


class CapabilityTests(PersonasTestCase):
    def grant(self, **changes: object) -> capability.Grant:
        grant = capability.Grant(
            kind="scorm",
            package="a1b2",
            user=self.ada.pk,
            lesson=12,
            block="block-1",
            site="https://skills.example.org",
        )
        return dataclasses.replace(grant, **changes)

    def redeem(self, token: str, *, kind: str = "scorm", key: str = "a1b2") -> object:
        return capability.redeem(
            token, kind=kind, key=key, still_allowed=lambda grant: True
        )

    def test_an_issued_grant_redeems_to_itself(self) -> None:
        grant = self.grant()
        self.assertEqual(self.redeem(capability.issue(grant)), grant)

    def test_a_forged_token_is_refused(self) -> None:
        token = capability.issue(self.grant())
        forged = signing.dumps(
            dataclasses.asdict(self.grant(user=self.marc.pk)),
            salt="another salt",
            compress=True,
        )
        with self.assertRaises(Http404):
            self.redeem(forged)
        with self.assertRaises(Http404):
            self.redeem(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))

    def test_an_expired_token_is_refused(self) -> None:
        with time_machine.travel(dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)):
            token = capability.issue(self.grant())
        later = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC) + dt.timedelta(
            seconds=capability.MAX_AGE_SECONDS + 1
        )
        with time_machine.travel(later), self.assertRaises(Http404):
            self.redeem(token)

    def test_a_token_for_another_package_or_kind_is_refused(self) -> None:
        token = capability.issue(self.grant())
        with self.assertRaises(Http404):
            self.redeem(token, key="other")
        with self.assertRaises(Http404):
            self.redeem(token, kind="h5p")

    def test_a_token_with_other_fields_is_refused(self) -> None:
        token = signing.dumps(
            {"kind": "scorm", "package": "a1b2", "admin": True},
            salt=capability.SALT,
            compress=True,
        )
        with self.assertRaises(Http404):
            self.redeem(token)

    def test_a_holder_who_lost_access_is_refused_and_the_answer_cached(
        self,
    ) -> None:
        token = capability.issue(self.grant())
        asked: list[capability.Grant] = []

        def refused(grant: capability.Grant) -> bool:
            asked.append(grant)
            return False

        for _attempt in range(2):
            with self.assertRaises(Http404):
                capability.redeem(
                    token, kind="scorm", key="a1b2", still_allowed=refused
                )
        self.assertEqual(len(asked), 1)

    def test_the_holder_is_the_active_person_it_was_issued_to(self) -> None:
        self.assertEqual(capability.holder(self.grant()), self.ada)
        self.ada.is_active = False
        self.ada.save(update_fields=["is_active"])
        with self.assertRaises(Http404):
            capability.holder(self.grant())
