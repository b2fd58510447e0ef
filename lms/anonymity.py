"""The one k of the platform: no published figure describes fewer than
``K_ANONYMITY`` people (docs/reporting.md). Pure, so that reporting's pandas
code and every app's statistics read the same number."""

K_ANONYMITY = 5


def publishable(people: int) -> bool:
    """A count of people may be shown: nobody, or at least k."""
    return people == 0 or people >= K_ANONYMITY
