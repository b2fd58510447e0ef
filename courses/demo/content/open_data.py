"""Demo course: open data, in French and English."""

from __future__ import annotations

from typing import Any

from courses.demo.content.questions import q

OPEN_DATA_FR: dict[str, Any] = {
    "slug": "donnees-ouvertes",
    "language": "fr",
    "audience": "staff",
    "duration": 40,
    "level": "intermediate",
    "town": "saint-aubin",
    "competences": ["DigComp 1.3", "DigComp 3.3", "Données ouvertes"],
    "title": "Ouvrir les données de la commune",
    "summary": "<p>Pourquoi et comment publier les données publiques de la commune : obligations légales, choix des jeux de données, formats, licences et qualité.</p>",
    "lessons": [
        {
            "title": "Pourquoi ouvrir les données",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Depuis la loi pour une République numérique (2016), les collectivités de plus de 3 500 habitants et 50 agents publient par défaut les documents et données qu’elles produisent et qui présentent un intérêt économique, social ou environnemental. Au-delà de l’obligation, l’ouverture rend l’action publique lisible, évite de répondre dix fois à la même demande et permet à d’autres de créer des services (applications de stationnement, cartes des équipements, etc.).</p>",
                ),
                ("heading", "Par quoi commencer"),
                (
                    "text",
                    "<p>Le <b>socle commun des données locales</b> recense les jeux les plus attendus : délibérations, subventions, budget, équipements publics, marchés publics, menus des cantines, adresses… Commencez par les données que vous tenez déjà à jour dans un tableur ou un logiciel métier.</p>",
                ),
            ],
        },
        {
            "title": "Publier un jeu de données de qualité",
            "minutes": 25,
            "body": [
                (
                    "text",
                    "<ul><li><b>Format ouvert et lisible par une machine</b> : CSV encodé en UTF-8 plutôt qu’un PDF ou un tableur avec cellules fusionnées.</li><li><b>Une ligne par élément, une colonne par information</b>, avec des en-têtes explicites et des dates au format AAAA-MM-JJ.</li><li><b>Une licence</b> : Licence Ouverte 2.0 (Etalab) ou ODbL.</li><li><b>Une description</b> : qui produit la donnée, à quelle fréquence elle est mise à jour, ce que signifie chaque colonne.</li><li><b>Pas de données personnelles</b> : anonymisez ou agrégez avant publication.</li></ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "text": "<p>Publiez sur data.gouv.fr ou sur le portail de votre intercommunalité, et indiquez la date de dernière mise à jour.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "title": "Quiz : données ouvertes",
                        "pass_mark": 60,
                        "max_attempts": 0,
                        "shuffle": False,
                        "questions": [
                            q(
                                "single",
                                "Quel format privilégier pour publier la liste des équipements sportifs ?",
                                [
                                    (
                                        "Un PDF mis en page",
                                        False,
                                        "Un PDF se lit mal par une machine.",
                                    ),
                                    (
                                        "Un fichier CSV en UTF-8, une ligne par équipement",
                                        True,
                                        "",
                                    ),
                                    ("Une capture d’écran du tableur", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "On peut publier tel quel le fichier des bénéficiaires d’une aide sociale.",
                                [
                                    (
                                        "Vrai",
                                        False,
                                        "Ce sont des données personnelles : il faut les agréger ou les anonymiser.",
                                    ),
                                    ("Faux", True, ""),
                                ],
                            ),
                            q(
                                "multiple",
                                "Qu’est-ce qui accompagne un bon jeu de données ?",
                                [
                                    ("Une licence", True, ""),
                                    ("Une description des colonnes", True, ""),
                                    (
                                        "Des cellules fusionnées pour la lisibilité",
                                        False,
                                        "Les cellules fusionnées empêchent la réutilisation.",
                                    ),
                                ],
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
}


OPEN_DATA_EN: dict[str, Any] = {
    "slug": "open-data",
    "language": "en",
    "audience": "staff",
    "duration": 40,
    "level": "intermediate",
    "town": "saint-aubin",
    "competences": ["DigComp 1.3", "DigComp 3.3", "Open data"],
    "title": "Opening the town’s data",
    "summary": "<p>Why and how to publish the town’s public data: legal duties, choosing datasets, formats, licences and quality.</p>",
    "lessons": [
        {
            "title": "Why open data",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Since the Digital Republic Act (2016), French local authorities with more than 3,500 inhabitants and 50 staff publish by default the documents and data they produce that have economic, social or environmental value. Beyond the duty, openness makes public action readable, saves answering the same request ten times and lets others build services (parking apps, maps of facilities…).</p>",
                ),
                ("heading", "Where to start"),
                (
                    "text",
                    "<p>The <b>common base of local data</b> lists the most awaited datasets: council decisions, grants, budget, public facilities, public procurement, school menus, addresses… Start with data you already keep up to date in a spreadsheet or business software.</p>",
                ),
            ],
        },
        {
            "title": "Publishing a good dataset",
            "minutes": 25,
            "body": [
                (
                    "text",
                    "<ul><li><b>An open, machine-readable format</b>: UTF-8 CSV rather than a PDF or a spreadsheet with merged cells.</li><li><b>One row per item, one column per field</b>, with clear headers and dates as YYYY-MM-DD.</li><li><b>A licence</b>: Licence Ouverte 2.0 (Etalab) or ODbL.</li><li><b>A description</b>: who produces the data, how often it is updated, what each column means.</li><li><b>No personal data</b>: anonymise or aggregate before publishing.</li></ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "text": "<p>Publish on data.gouv.fr or your inter-municipal portal, and state the date of the last update.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "title": "Quiz: open data",
                        "pass_mark": 60,
                        "max_attempts": 0,
                        "shuffle": False,
                        "questions": [
                            q(
                                "single",
                                "Which format should you prefer to publish the list of sports facilities?",
                                [
                                    (
                                        "A laid-out PDF",
                                        False,
                                        "A PDF is hard for machines to read.",
                                    ),
                                    (
                                        "A UTF-8 CSV file, one row per facility",
                                        True,
                                        "",
                                    ),
                                    ("A screenshot of the spreadsheet", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "The file of people receiving a social benefit can be published as it is.",
                                [
                                    (
                                        "True",
                                        False,
                                        "It is personal data: aggregate or anonymise it.",
                                    ),
                                    ("False", True, ""),
                                ],
                            ),
                            q(
                                "multiple",
                                "What comes with a good dataset?",
                                [
                                    ("A licence", True, ""),
                                    ("A description of the columns", True, ""),
                                    (
                                        "Merged cells for readability",
                                        False,
                                        "Merged cells prevent reuse.",
                                    ),
                                ],
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
}
