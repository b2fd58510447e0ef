"""Score H5P answers on the server, from the content's own parameters.

H5P content scores itself in the learner's browser and reports the score in an
xAPI statement, so a statement can claim any score. For the question types
below the statement also carries the learner's answer (``result.response``),
and the package's ``content/content.json`` holds the right answers: the server
scores the answer itself, the way the content type's own code does (read in
h5p-multi-choice 1.16, h5p-true-false 1.8, h5p-blanks 1.14, h5p-drag-text 1.10,
h5p-question-set 1.21, and their versions in the shared fixtures).

- ``score_statement``: the server's score of one statement's own answer (a
  standalone question, or a question inside other content, found by its
  sub-content id); ``None`` when it cannot score it.
- ``score_set``: a Question Set's score from the answers to its questions (its
  own ``completed`` statement carries none).
- ``is_scored``: whether the server scores every result of this content.

An answer the server cannot read scores nothing. ``None`` never depends on the
answer, only on the content: another content type, or parameters the server
cannot read. Single Choice Set is not scored: its player reports, for each
answer, the position of the clicked alternative after shuffling them, not
which alternative it was.

Pure: plain JSON in, ``Score`` out; no Django, no models.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

MULTIPLE_CHOICE = "H5P.MultiChoice"
TRUE_FALSE = "H5P.TrueFalse"
FILL_IN_THE_BLANKS = "H5P.Blanks"
DRAG_THE_WORDS = "H5P.DragText"
QUESTION_SET = "H5P.QuestionSet"
SUB_CONTENT_ID = "http://h5p.org/x-api/h5p-subContentId"
SEPARATOR = "[,]"  # between the parts of an xAPI response


@dataclass(frozen=True)
class Score:
    """Points out of ``maximum``, with the verdict the content type itself
    gives (``success``), when it gives one."""

    raw: float
    maximum: float
    success: bool | None = None

    @property
    def scaled(self) -> float:
        """``raw / maximum`` to 4 places, as H5P rounds it."""
        return round(self.raw / self.maximum, 4) if self.maximum > 0 else 0.0


def library_name(library: object) -> str:
    """``"H5P.MultiChoice 1.14"`` → ``"H5P.MultiChoice"``."""
    return library.split(" ")[0] if isinstance(library, str) else ""


def score_response(library: str, params: object, response: object) -> Score | None:
    """The score of ``response`` (``result.response``) to a question of type
    ``library`` with these ``params``; ``None`` for another type or parameters
    the server cannot read."""
    if not isinstance(params, dict):
        return None
    scorer = _SCORERS.get(library)
    return None if scorer is None else scorer(params, response)


def score_statement(
    library: str, content: object, statement: Mapping[str, object]
) -> Score | None:
    """The server's score of the answer a statement carries, for content whose
    main library is ``library``: the content itself when it is a question,
    else the question inside it that the statement names (sub-content id)."""
    response = _dict(statement.get("result")).get("response")
    definition = _dict(_dict(statement.get("object")).get("definition"))
    sub_content_id = _dict(definition.get("extensions")).get(SUB_CONTENT_ID)
    if sub_content_id:
        part = find_part(content, str(sub_content_id))
        return None if part is None else score_response(*part, response)
    return score_response(library, content, response)


def find_part(content: object, sub_content_id: str) -> tuple[str, object] | None:
    """The library and parameters of the content inside ``content`` whose
    sub-content id is ``sub_content_id`` (a question of a set, a question on a
    slide…)."""
    stack: list[object] = [content]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if (
                node.get("subContentId") == sub_content_id
                and isinstance(node.get("library"), str)
                and "params" in node
            ):
                return library_name(node["library"]), node["params"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def set_parts(library: str, content: object) -> list[str] | None:
    """The sub-content ids of the questions whose answers make up a set's
    score, or ``None`` when the server cannot score the set."""
    questions = _question_set(content) if library == QUESTION_SET else None
    return None if questions is None else [sub for sub, _ in questions]


def score_set(
    library: str, content: object, answers: Mapping[str, Score]
) -> Score | None:
    """A Question Set's score: the sum of its questions' scores (``answers``,
    by sub-content id; a question without an answer scores 0), passed at its
    own pass percentage (50 % unless it sets one)."""
    questions = _question_set(content) if library == QUESTION_SET else None
    if questions is None:
        return None
    raw = sum(answers[sub].raw for sub, _ in questions if sub in answers)
    maximum = sum(empty.maximum for _, empty in questions)
    if maximum <= 0:
        return None
    passing = _number(_dict(content).get("passPercentage"), 50)
    return Score(raw, maximum, success=100 * raw / maximum >= passing)


def is_scored(library: str, content: object) -> bool:
    """Whether the server scores every result of this content itself."""
    if library in _SCORERS:
        return score_response(library, content, "") is not None
    return set_parts(library, content) is not None


def _question_set(content: object) -> list[tuple[str, Score]] | None:
    """(sub-content id, score of no answer) of each question of a
    Question Set, or ``None`` unless every question can be scored from the
    answer its own statement carries."""
    params = _dict(content)
    questions = params.get("questions")
    if not isinstance(questions, list) or not all(
        isinstance(q, dict) for q in questions
    ):
        return None
    if 0 < _number(params.get("poolSize"), 0) < len(questions):
        return None  # a random few: which ones is known only to the browser
    if _dict(params.get("override")).get("checkButton") is False:
        return None  # questions that are never checked send no answer
    found: list[tuple[str, Score]] = []
    for question in questions:
        if not question.get("library"):
            continue  # the set skips it too
        sub = question.get("subContentId")
        empty = score_response(
            library_name(question["library"]), question.get("params"), ""
        )
        if (
            empty is None
            or not isinstance(sub, str)
            or not sub
            or _dict(_dict(question["params"]).get("behaviour")).get(
                "enableCheckButton"
            )
            is False
        ):
            return None
        found.append((sub, empty))
    if not found or len({sub for sub, _ in found}) < len(found):
        return None
    return found


# What each content type plays when its parameters leave a field out (H5P
# deep-merges its defaults into them: an empty list keeps the default one).
_DEFAULT_ANSWERS = [{"correct": True}]
_DEFAULT_BLANKS = ["<p>Oslo is the capital of *Norway*.</p>"]
_DEFAULT_WORDS = (
    "This is a *nice*, *flexible* content type, which allows you to highlight "
    "all the *wonderful* words in this *exciting* sentence.\n"
    "This is another line of *fantastic* text."
)


def _multiple_choice(params: dict[str, object], response: object) -> Score | None:
    answers = params.get("answers", _DEFAULT_ANSWERS) or _DEFAULT_ANSWERS
    if not isinstance(answers, list):
        return None
    if not all(isinstance(answer, dict) for answer in answers):
        return None
    # H5P deep-merges its default answer (a right one) into the first.
    correct = [bool(a.get("correct", i == 0)) for i, a in enumerate(answers)]
    weights = [_number(a.get("weight"), 1) for a in answers]
    behaviour = _dict(params.get("behaviour"))
    weight = _number(params.get("weight"), 1)
    blank_is_correct = not any(correct)
    kind = behaviour.get("type", "auto")
    single_answer = correct.count(True) == 1 if kind == "auto" else kind == "single"
    single_point = bool(behaviour.get("singlePoint", True))
    passing = _number(behaviour.get("passPercentage"), 100)
    full = (
        weight
        if blank_is_correct
        else sum(w for w, right in zip(weights, correct, strict=True) if right)
    )
    maximum = weight if single_answer or single_point else full
    if maximum <= 0 or full <= 0:
        return None
    # The response lists the chosen answers by their index in content.json
    # (the player maps its shuffled order back).
    chosen = _indices(response, len(answers))
    if chosen is None:
        raw = 0.0
    elif single_answer:  # a radio button: 1 point for the right one
        raw = 1.0 if len(chosen) == 1 and correct[chosen[0]] else 0.0
    else:
        raw = max(0.0, sum(weights[i] if correct[i] else -weights[i] for i in chosen))
        if not chosen and blank_is_correct:
            raw = weight
        if single_point:
            raw = weight if 100 * raw / full >= passing else 0.0
    return Score(raw, maximum, success=100 * raw / maximum >= passing)


def _true_false(params: dict[str, object], response: object) -> Score | None:
    right = "true" if params.get("correct", "true") == "true" else "false"
    correct = response == right
    return Score(1.0 if correct else 0.0, 1.0, success=correct)


def _fill_in_the_blanks(params: dict[str, object], response: object) -> Score | None:
    questions = params.get("questions", _DEFAULT_BLANKS)
    if questions == []:
        questions = _DEFAULT_BLANKS
    if not isinstance(questions, list):
        return None
    blanks: list[list[str]] = []
    for question in questions:
        if not question:
            continue  # the content drops empty questions
        if not isinstance(question, str):
            return None
        blanks.extend(_blanks_in(question))
    if not blanks:
        return None
    behaviour = _dict(params.get("behaviour"))
    case_sensitive = behaviour.get("caseSensitive", True) is True
    typos = behaviour.get("acceptSpellingErrors") is True
    given = _parts(response)
    raw = 0
    for index, solutions in enumerate(blanks):
        if index >= len(given):
            break
        answer = given[index].replace("&nbsp;", " ").strip()
        if not case_sensitive:
            answer = answer.lower()
            solutions = [solution.lower() for solution in solutions]
        if _blank_is_right(answer, solutions, typos=typos):
            raw += 1
    return Score(float(raw), float(len(blanks)))  # the content gives no verdict


# Simple tags the content removes from inside a blank (``*<em>word</em>*``).
_TAG = re.compile(r"</?[a-z]*\d?>", re.IGNORECASE)


def _blanks_in(question: str) -> list[list[str]]:
    """The right answers of each ``*answer/other:tip*`` blank in one question."""
    blanks = []
    start = question.find("*")
    while start != -1:
        end = question.find("*", start + 1)
        if end == -1:
            break
        inside = _TAG.sub("", question[start + 1 : end])
        if inside:
            solution = inside.split(":", 1)[0]  # after ":" is a tip
            blanks.append([html.unescape(part.strip()) for part in solution.split("/")])
            end += 1  # the content skips the character after a blank, so do we
        start = question.find("*", end + 1)
    return blanks


def _blank_is_right(answer: str, solutions: list[str], *, typos: bool) -> bool:
    for solution in solutions:
        if typos:
            # "Accept minor spelling errors": 2 edits past 9 letters, 1 past 3.
            if len(solution) > 9 and _edits_within(answer, solution.strip(), 2):
                return True
            if len(solution) > 3 and _edits_within(answer, solution.strip(), 1):
                return True
        if answer == solution.strip():
            return True
    return False


def _edits_within(first: str, second: str, limit: int) -> bool:
    """Whether the Damerau-Levenshtein distance between the two, as H5P's
    TextUtilities computes it, is at most ``limit``."""
    if abs(len(first) - len(second)) > limit:
        return False  # and a long forged answer costs nothing to refuse
    rows = [list(range(len(second) + 1))]
    for i in range(1, len(first) + 1):
        row = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if (
                i > 1
                and j > 1
                and first[i - 1] == second[j - 2]
                and first[i - 2] == second[j - 1]
            ):
                row[j] = min(row[j], rows[i - 2][j - 2] + cost)
        rows.append(row)
    return rows[-1][-1] <= limit


def _drag_the_words(params: dict[str, object], response: object) -> Score | None:
    text = params.get("textField", _DEFAULT_WORDS)
    if not isinstance(text, str):
        return None
    text = re.sub(r"\r\n|\n|\r", "<br/>", text)
    words = [
        _word(part)
        for part in re.split(r"(\*.*?\*)", text)
        if part.startswith("*") and part.endswith("*")
    ]
    if not words:
        return None
    # The response names the word dropped in each gap, "" for an empty gap.
    given = _parts(response)
    raw = sum(
        1
        for index, word in enumerate(words)
        if index < len(given) and given[index] != "" and given[index] == word
    )
    return Score(float(raw), float(len(words)))  # the content gives no verdict


def _word(part: str) -> str:
    """The word of a ``*word:tip\\+right\\-wrong*`` gap, as the content reads it."""
    text = part[1:]
    if text.endswith("*"):
        text = text[:-1]
    for pattern in (r":[^\\*]+", r"\\\+[^\\*:]+", r"\\-[^\\*:]+"):
        found = re.findall(pattern, part)
        if found:
            text = text.replace(",".join(found), "", 1)
    return text.rstrip()


def _indices(response: object, count: int) -> list[int] | None:
    """``"0[,]2"`` → ``[0, 2]``; ``None`` unless each is a distinct index below
    ``count``."""
    if not isinstance(response, str):
        return None
    if response == "":
        return []
    parts = response.split(SEPARATOR)
    if not all(re.fullmatch(r"[0-9]{1,4}", part) for part in parts):
        return None
    indices = [int(part) for part in parts]
    if len(set(indices)) < len(indices) or max(indices) >= count:
        return None
    return indices


def _parts(response: object) -> list[str]:
    return response.split(SEPARATOR) if isinstance(response, str) else []


def _dict(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _number(value: object, default: float) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return float(default)


_SCORERS = {
    MULTIPLE_CHOICE: _multiple_choice,
    TRUE_FALSE: _true_false,
    FILL_IN_THE_BLANKS: _fill_in_the_blanks,
    DRAG_THE_WORDS: _drag_the_words,
}
