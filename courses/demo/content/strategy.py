"""Demo course for elected officials: a local digital strategy, in French and
English."""

from __future__ import annotations

from typing import Any

from courses.demo.content.questions import q

STRATEGY_FR: dict[str, Any] = {
    "slug": "strategie-numerique-locale",
    "language": "fr",
    "audience": "elected",
    "duration": 20,
    "level": "beginner",
    "town": "saint-aubin",
    "competences": ["Stratégie numérique", "DigComp 5.3"],
    "title": "Élus : qu’est-ce qu’une stratégie numérique locale ?",
    "summary": "<p>Module court de sensibilisation pour les élus : les enjeux, les questions à poser et les décisions qui relèvent du conseil.</p>",
    "lessons": [
        {
            "title": "Les enjeux pour la commune",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Une stratégie numérique locale fixe, pour un mandat, ce que la commune attend du numérique : des services en ligne simples pour les habitants, une administration mieux outillée, des données maîtrisées et un territoire inclusif. Elle n’est pas un plan d’achat de logiciels : elle part des besoins des habitants et des agents.</p>",
                ),
                ("heading", "Quatre questions à poser"),
                (
                    "text",
                    "<ol><li>Quelles démarches nos habitants veulent-ils faire en ligne, et qui risque d’être laissé de côté ?</li><li>Nos agents sont-ils formés et équipés ?</li><li>Sommes-nous protégés contre une cyberattaque, et saurions-nous continuer à fonctionner ?</li><li>Mutualisons-nous avec l’intercommunalité ce qui peut l’être ?</li></ol>",
                ),
            ],
        },
        {
            "title": "Le rôle des élus",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Le conseil vote les moyens (budget, postes, adhésion à un syndicat mixte), fixe les priorités et suit les résultats. L’élu référent numérique porte le sujet mais la sécurité informatique engage toute l’équipe municipale : une cyberattaque peut arrêter l’état civil, la paie ou les écoles pendant des semaines.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "key",
                        "text": "<p>Demandez chaque année un point d’étape : formation des agents, sauvegardes testées, démarches ouvertes en ligne.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "title": "Pour vérifier",
                        "pass_mark": 50,
                        "max_attempts": 0,
                        "shuffle": False,
                        "questions": [
                            q(
                                "single",
                                "Une stratégie numérique locale part d’abord…",
                                [
                                    (
                                        "des besoins des habitants et des agents",
                                        True,
                                        "",
                                    ),
                                    (
                                        "du catalogue d’un éditeur de logiciels",
                                        False,
                                        "",
                                    ),
                                ],
                            ),
                            q(
                                "true_false",
                                "La cybersécurité ne concerne que le service informatique.",
                                [
                                    (
                                        "Vrai",
                                        False,
                                        "Une attaque peut arrêter toute la commune : c’est un sujet pour les élus.",
                                    ),
                                    ("Faux", True, ""),
                                ],
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
}


STRATEGY_EN: dict[str, Any] = {
    "slug": "local-digital-strategy",
    "language": "en",
    "audience": "elected",
    "duration": 20,
    "level": "beginner",
    "town": "saint-aubin",
    "competences": ["Digital strategy", "DigComp 5.3"],
    "title": "Councillors: what is a local digital strategy?",
    "summary": "<p>A short awareness module for elected officials: what is at stake, the questions to ask and the decisions that belong to the council.</p>",
    "lessons": [
        {
            "title": "What is at stake for the town",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>A local digital strategy sets out, for a term of office, what the town expects from digital tools: simple online services for residents, a better-equipped administration, data under control and an inclusive territory. It is not a software shopping list: it starts from the needs of residents and staff.</p>",
                ),
                ("heading", "Four questions to ask"),
                (
                    "text",
                    "<ol><li>Which procedures do residents want to do online, and who risks being left behind?</li><li>Are our staff trained and equipped?</li><li>Are we protected against a cyberattack, and could we keep running?</li><li>Do we share with the inter-municipal body what can be shared?</li></ol>",
                ),
            ],
        },
        {
            "title": "The role of councillors",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>The council votes the means (budget, posts, joining a shared-services body), sets priorities and follows results. The councillor in charge of digital carries the subject, but IT security concerns the whole municipal team: a cyberattack can stop civil registration, payroll or schools for weeks.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "key",
                        "text": "<p>Ask for a yearly review: staff training, tested backups, procedures open online.</p>",
                    },
                ),
                (
                    "quiz",
                    {
                        "title": "To check",
                        "pass_mark": 50,
                        "max_attempts": 0,
                        "shuffle": False,
                        "questions": [
                            q(
                                "single",
                                "A local digital strategy starts first from…",
                                [
                                    ("the needs of residents and staff", True, ""),
                                    ("a software vendor’s catalogue", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "Cybersecurity only concerns the IT department.",
                                [
                                    (
                                        "True",
                                        False,
                                        "An attack can stop the whole town: it is a matter for councillors.",
                                    ),
                                    ("False", True, ""),
                                ],
                            ),
                        ],
                    },
                ),
            ],
        },
    ],
}
