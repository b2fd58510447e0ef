"""No input in a URL gives a server error.

Every URL pattern of the project (Django's, Wagtail's and ours, found by walking
the resolver, so new URLs are covered without editing this file) is filled, in
each of its converters or regex groups, with hostile values: digits too large for
any database integer, Arabic-Indic and fullwidth digits, text where a number is
expected, and ids and keys that exist nowhere. Each URL that resolves is requested
with GET and POST by the platform admin and by an anonymous visitor; every answer
must be below 500. The patterns that take nothing from the URL are requested with
GET, so that no page fails whatever its input.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from urllib.parse import quote, urlencode

from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import transaction
from django.test import Client, SimpleTestCase, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils.regex_helper import normalize
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin

from lms.testing import make_person

HOSTILE = [
    "99999999999999999999999",  # beyond 64 bits: no database integer holds it
    "3000000000",  # beyond a 32-bit id (Django's and Wagtail's own tables)
    "١٢٣",  # Arabic-Indic digits: Python's int() and \d accept them
    "１２",  # fullwidth digits
    "not-a-number",
    "987654321",  # an id that exists nowhere
    "00000000-0000-0000-0000-000000000000",  # a key that exists nowhere
]


def url_patterns(
    resolver: URLResolver | None = None, prefix: str = "", params: tuple[str, ...] = ()
) -> Iterator[tuple[str, list[str], URLPattern]]:
    """(format string, parameter names, pattern) for every pattern reachable
    from the root URLconf, include()s followed."""
    for entry in (resolver or get_resolver()).url_patterns:
        for format_string, names in normalize(entry.pattern.regex.pattern):
            joined, all_params = prefix + format_string, (*params, *names)
            if isinstance(entry, URLResolver):
                yield from url_patterns(entry, joined, all_params)
            else:
                yield "/" + joined, list(all_params), entry


# Values that fill the other parameters while one of them is hostile.
NEUTRAL = ["987654321", "00000000-0000-0000-0000-000000000000", "x"]


def hostile_urls() -> tuple[list[str], list[str]]:
    """URLs with a hostile value in one parameter (the others neutral), and the
    URLs of the patterns that take no parameter.

    A URL is kept only when it resolves to the pattern it was made from: one that
    the resolver refuses is a 404 before any view runs.
    """
    with_input: dict[str, None] = {}
    without_input: dict[str, None] = {}
    for format_string, params, pattern in url_patterns():
        if not params:
            url = format_string
            if _resolves_to(url, pattern):
                without_input[url] = None
            continue
        base = next(
            (
                values
                for values in itertools.product(NEUTRAL, repeat=len(params))
                if _resolves_to(_fill(format_string, params, values), pattern)
            ),
            None,
        )
        if base is None:  # a pattern no neutral value fits, e.g. a fixed choice
            base = tuple(HOSTILE[0] for _ in params)
        for index in range(len(params)):
            for value in HOSTILE:
                for candidate in (value, value + "/"):
                    values = (*base[:index], candidate, *base[index + 1 :])
                    url = _fill(format_string, params, values)
                    if _resolves_to(url, pattern):
                        with_input[url] = None
                        break
    return list(with_input), list(without_input)


def _fill(format_string: str, params: list[str], values: tuple[str, ...]) -> str:
    return format_string % {
        name: quote(value, safe="/") for name, value in zip(params, values, strict=True)
    }


def _resolves_to(url: str, pattern: URLPattern) -> bool:
    try:
        match = resolve(url)
    except Resolver404:
        return False
    return match.func == pattern.callback or _same_view(match, pattern)


def _same_view(match, pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    return view_class is not None and view_class is getattr(
        match.func, "view_class", None
    )


# Wagtail's page for trying out the server-error page raises on purpose.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


class UrlInputTests(TestCase):
    """Platform admin and anonymous visitor; database errors are caught per
    request so one failure does not hide the others."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.root = make_person("root", None, is_superuser=True, is_staff=True)
        cls.with_input, cls.without_input = hostile_urls()

    def setUp(self) -> None:
        cache.clear()  # cached Wagtail sites of earlier tests name pages gone now

    def test_no_hostile_url_input_gives_a_server_error(self) -> None:
        """Every parameter of every pattern, filled with each hostile value:
        GET and POST answer below 500."""
        self.assertGreater(len(self.with_input), 500, "the walk found too few URLs")
        failures = self._failures(self.with_input, methods=("get", "post"))
        self.assertEqual(failures, [], "\n".join(failures))

    def test_no_page_without_url_input_gives_a_server_error(self) -> None:
        """The patterns that take nothing from the URL: GET answers below 500."""
        urls = [
            url
            for url in self.without_input
            if resolve(url).url_name not in DELIBERATE_ERRORS
        ]
        self.assertGreater(len(urls), 100, "the walk found too few URLs")
        failures = self._failures(urls, methods=("get",))
        self.assertEqual(failures, [], "\n".join(failures))

    def test_no_id_in_a_query_string_gives_a_server_error(self) -> None:
        """Wagtail's "choose several" views read ids from ``?id=``: every such
        view found by the walk gets each hostile value there."""
        urls = [
            f"{url}?{urlencode({'id': value})}"
            for url in self.without_input
            if issubclass(
                getattr(resolve(url).func, "view_class", object),
                ChosenMultipleViewMixin,
            )
            for value in HOSTILE
        ]
        self.assertGreaterEqual(len(urls), 3 * len(HOSTILE), "documents, images…")
        failures = self._failures(urls, methods=("get",))
        self.assertEqual(failures, [], "\n".join(failures))

    def _failures(self, urls: list[str], *, methods: tuple[str, ...]) -> list[str]:
        failures = []
        for who in ("root", "anonymous"):
            client = Client()
            for url in urls:
                for method in methods:
                    if who == "root" and not client.session.get(SESSION_KEY):
                        client.force_login(self.root)  # again, if a POST signed out
                    outcome = self._request(client, method, url)
                    if outcome is not None:
                        failures.append(f"{who} {method.upper()} {url}: {outcome}")
        return failures

    def _request(self, client: Client, method: str, url: str) -> str | None:
        """None when the answer is below 500; otherwise what went wrong."""
        try:
            # A savepoint per request: a database error (PostgreSQL's "integer
            # out of range") must not poison the requests after it.
            with transaction.atomic():
                response = getattr(client, method)(url)
        except Exception as error:  # reported with the URL, and the walk goes on
            return f"{type(error).__name__}: {error}"[:300]
        if response.status_code >= 500:
            return f"status {response.status_code}"
        return None


class IdConverterTests(SimpleTestCase):
    def test_an_id_matches_up_to_the_largest_bigint(self) -> None:
        self.assertEqual(
            resolve("/people/9223372036854775807/").kwargs["pk"], 2**63 - 1
        )

    def test_larger_ids_zero_and_other_digits_do_not_match(self) -> None:
        """A 404 from the resolver: no view and no database sees the value."""
        for text in ("9223372036854775808", "0", "%D9%A1%D9%A2%D9%A3", "%EF%BC%91"):
            with self.subTest(text=text), self.assertRaises(Resolver404):
                resolve(f"/people/{text}/")
