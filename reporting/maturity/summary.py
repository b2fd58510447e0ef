"""The results in plain words, for councillors: a few sentences, no chart."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from reporting.maturity.scoring import Result


def _score(value: float) -> str:
    return formats.number_format(round(value, 1), 1)


def plain_words(result: Result) -> list[str]:
    """What the results say, sentence by sentence (blank figures are named as
    such, never guessed)."""
    scored = [d for d in result.dimensions if d.score is not None]
    if not scored:
        return [_("No answer yet: the results appear as respondents answer.")]
    sentences = []
    overall = _("Overall, the town scores %(score)s out of 5.") % {
        "score": _score(result.overall or 0)
    }
    if result.previous is not None and result.previous_overall is not None:
        change = (result.overall or 0) - result.previous_overall
        if abs(change) < 0.05:
            overall += " " + _("About the same as in %(year)s.") % {
                "year": result.previous.year
            }
        else:
            overall += " " + (
                _("Up %(points)s since %(year)s.")
                if change > 0
                else _("Down %(points)s since %(year)s.")
            ) % {"points": _score(abs(change)), "year": result.previous.year}
    sentences.append(overall)
    best = max(scored, key=lambda d: d.score or 0)
    worst = min(scored, key=lambda d: d.score or 0)
    if best is not worst:
        sentences.append(
            _("Strongest: %(best)s (%(b)s). Furthest to go: %(worst)s (%(w)s).")
            % {
                "best": best.name,
                "b": _score(best.score or 0),
                "worst": worst.name,
                "w": _score(worst.score or 0),
            }
        )
    skills = next((d for d in result.dimensions if d.computed), None)
    if skills is not None:
        if skills.score is None:
            sentences.append(
                _(
                    "Staff digital skills are not shown: fewer than 5 people have "
                    "an expected level with verified evidence, or none yet."
                )
            )
        else:
            sentences.append(
                _(
                    "Staff digital skills score %(score)s: measured from the skills "
                    "the platform verified, not declared."
                )
                % {"score": _score(skills.score)}
            )
    split = [d.name for d in result.dimensions if d.disagree]
    if split:
        sentences.append(
            _("The groups of respondents disagree on: %(names)s.")
            % {"names": ", ".join(split)}
        )
    return sentences
