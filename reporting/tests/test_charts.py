"""Figures and tables built from hand-made frames: readable with many rows and
long names, months and levels named, counts as integers."""

import datetime as dt

import pandas as pd
from django.test import SimpleTestCase

from reporting import charts, frames

LONG = "Sensibilisation à la cybersécurité pour tous les agents de la collectivité"


class ChartTests(SimpleTestCase):
    def test_a_heatmap_of_fifteen_departments_grows_and_wraps_its_labels(self) -> None:
        frame = pd.DataFrame(
            {
                "group": [f"Direction des services techniques {n}" for n in range(15)],
                "competence": "4.1 Protéger les appareils et les données",
                "mean_gap": 0.5,
            }
        )
        figure = charts.gap_heatmap(frame, title="Écart", colour_title="Écart")
        self.assertGreaterEqual(figure.layout.height, 15 * 48)
        self.assertTrue(all("<br>" in label for label in figure.data[0].y))
        # Competence names: one short line each (the full name in the hover).
        self.assertEqual(figure.data[0].x[0], "4.1 Protéger les…")
        self.assertIn("appareils et les données", figure.data[0].customdata[0][0])
        self.assertTrue(figure.layout.yaxis.automargin)

    def test_a_heatmap_of_many_competences_reads_them_at_an_angle(self) -> None:
        frame = pd.DataFrame(
            {
                "group": "Direction",
                "competence": [f"{n}.1 Une compétence au nom long" for n in range(21)],
                "mean_gap": 0.5,
            }
        )
        figure = charts.gap_heatmap(frame, title="Écart", colour_title="Écart")
        self.assertEqual(figure.layout.xaxis.tickangle, -60)
        self.assertTrue(all(len(label) <= 26 for label in figure.data[0].x))

    def test_a_wrapped_title_has_room_for_every_line(self) -> None:
        figure = charts.gap_heatmap(
            pd.DataFrame({"group": ["A"], "competence": ["1.1"], "mean_gap": [0.5]}),
            title=LONG,
            colour_title="Écart",
        )
        lines = figure.layout.title.text.count("<br>") + 1
        self.assertGreater(lines, 1)
        self.assertGreaterEqual(figure.layout.margin.t, 30 + 20 * lines)
        self.assertEqual(figure.layout.title.yanchor, "top")

    def test_compliance_bars_with_long_course_titles_stay_readable(self) -> None:
        frame = pd.DataFrame(
            {
                "assignment": LONG,
                "group": [f"Service {n}" for n in range(15)],
                "people": 10.0,
                **dict.fromkeys(frames.STATUSES, 2.0),
            }
        )
        labels = {status: status for status in frames.STATUSES}
        figure = charts.compliance_bars(frame, title="Formations", labels=labels)
        self.assertGreaterEqual(figure.layout.height, 15 * 60)
        self.assertTrue(
            all(len(line) <= 34 for line in figure.data[0].y[0].split("<br>"))
        )
        self.assertEqual(figure.layout.xaxis.tickformat, "d")

    def test_months_and_levels_are_named_on_axes_and_legends(self) -> None:
        frame = pd.DataFrame(
            {
                "month": pd.to_datetime([dt.date(2026, 3, 1), dt.date(2026, 6, 1)]),
                "level": [2, 2],
                "people": [6.0, 7.0],
            }
        )
        axes = charts.Axes(
            month=lambda m: f"{m:%B %Y}", levels={2: "2 — Intermédiaire"}
        )
        figure = charts.level_distribution(
            frame, title="Niveaux", level_label="Niveau", axes=axes
        )
        self.assertEqual(figure.data[0].name, "2 — Intermédiaire")
        self.assertEqual(list(figure.data[0].x), ["March 2026", "June 2026"])
        self.assertEqual(figure.layout.xaxis.type, "category")
        self.assertEqual(figure.layout.yaxis.dtick, 1)

    def test_every_chart_draws_with_the_cartesian_bundle_the_pages_load(self) -> None:
        """The pages load plotly's cartesian bundle (bar, scatter, heatmap…), a
        third of the full one: no figure may need another trace type."""
        served = {"bar", "heatmap", "scatter"}
        levels = pd.DataFrame(
            {
                "code": ["1.1", "1.2", "2.1"],
                "level": [1, 2, None],
                "expected": [2, 2, 3],
            }
        )
        maturity = pd.DataFrame(
            {
                "dimension": ["Vision", "Compétences", "Moyens"],
                "score": [3.0, None, 1.0],
            }
        )
        figures = [
            charts.skills_radar(levels, top=5, labels={"level": "N", "expected": "A"}),
            charts.maturity_radar(maturity, title="Maturité", labels={"score": "2026"}),
        ]
        for figure in figures:
            self.assertLessEqual({trace.type for trace in figure.data}, served)

    def test_a_radar_puts_each_value_on_its_spoke_and_leaves_blanks_as_gaps(
        self,
    ) -> None:
        maturity = pd.DataFrame(
            {
                "dimension": ["Vision", "Compétences", "Moyens", "Cadre"],
                "score": [3.0, 2.0, None, 1.0],
            }
        )
        figure = charts.maturity_radar(
            maturity, title="Maturité", labels={"score": "2026"}
        )
        score = figure.data[0]
        # First spoke up, then clockwise: right, down (blank), left; closed.
        self.assertEqual(list(score.x), [0.0, 2.0, None, -1.0, 0.0])
        self.assertEqual(list(score.y), [3.0, 0.0, None, 0.0, 3.0])
        self.assertEqual(score.customdata[1][0], "Compétences")
        # Five rings and four spokes behind the data; the axes named around it.
        self.assertEqual(len(figure.layout.shapes), 5 + 4)
        texts = {a.text for a in figure.layout.annotations}
        self.assertLessEqual({"Vision", "Compétences", "Moyens", "Cadre"}, texts)
        self.assertEqual(figure.layout.yaxis.scaleanchor, "x")


class TableTests(SimpleTestCase):
    def test_a_table_has_labels_integers_and_yes_no(self) -> None:
        frame = pd.DataFrame(
            {
                "month": pd.to_datetime([dt.date(2026, 12, 1)]),
                "people": [13.0],
                "mean_level": [float("nan")],
                "suppressed": [True],
            }
        )
        table = frames.as_table(
            frame,
            headers={"month": "Mois", "people": "Personnes"},
            month=lambda m: "déc. 2026",
            yes_no=("oui", "non"),
        )
        self.assertEqual(
            table["header"], ["Mois", "Personnes", "mean_level", "suppressed"]
        )
        self.assertEqual(table["rows"], [["déc. 2026", 13, "—", "oui"]])
        self.assertIs(type(table["rows"][0][1]), int)

    def test_a_headline_share_is_blank_under_five_people(self) -> None:
        self.assertEqual(frames.headline_share(10, 20), 50)
        self.assertEqual(frames.headline_share(0, 6), 0)
        self.assertIsNone(frames.headline_share(3, 3))  # three officials
        self.assertIsNone(frames.headline_share(6, 8))  # two not done
        self.assertIsNone(frames.headline_share(0, 0))
