"""Demo course: accessible online services, in French and English."""

from __future__ import annotations

from typing import Any

from courses.demo.content.questions import q

ACCESS_FR: dict[str, Any] = {
    "slug": "demarches-en-ligne-accessibles",
    "language": "fr",
    "audience": "staff",
    "duration": 35,
    "level": "beginner",
    "town": "montval",
    "competences": ["DigComp 2.2", "DigComp 3.1", "Accessibilité"],
    "title": "Démarches en ligne et accessibilité numérique",
    "summary": "<p>Accompagner les usagers dans les démarches en ligne et produire des contenus accessibles à tous, y compris aux personnes en situation de handicap.</p>",
    "lessons": [
        {
            "title": "Accompagner un usager en ligne",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Près d’un adulte sur trois se dit en difficulté avec les démarches administratives en ligne. À l’accueil, votre rôle n’est pas de faire à la place de l’usager mais de faire <b>avec</b> lui : lui montrer le bon site officiel (service-public.fr, ants.gouv.fr…), l’aider à créer ses identifiants, et l’orienter vers un conseiller numérique ou une maison France services si besoin.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "text": "<p>Ne conservez jamais les identifiants d’un usager et ne saisissez pas son mot de passe à sa place.</p>",
                    },
                ),
            ],
        },
        {
            "title": "Des contenus accessibles",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>Le RGAA (référentiel général d’amélioration de l’accessibilité) s’impose aux sites et documents des collectivités. Quelques règles simples couvrent l’essentiel :</p><ul><li>donner un <b>texte alternatif</b> aux images porteuses d’information ;</li><li>structurer avec de vrais <b>titres</b> (Titre 1, Titre 2) plutôt qu’avec du gras ;</li><li>écrire des <b>liens explicites</b> (« Télécharger le formulaire de demande de salle » plutôt que « cliquez ici ») ;</li><li>garder un <b>contraste</b> suffisant entre texte et fond ;</li><li>sous-titrer les vidéos et proposer une transcription.</li></ul>",
                ),
                (
                    "quiz",
                    {
                        "title": "Quiz : accessibilité",
                        "pass_mark": 70,
                        "max_attempts": 3,
                        "shuffle": True,
                        "questions": [
                            q(
                                "single",
                                "Quel lien est le plus accessible ?",
                                [
                                    (
                                        "Cliquez ici",
                                        False,
                                        "Hors contexte, « cliquez ici » ne dit rien.",
                                    ),
                                    (
                                        "Télécharger le formulaire de réservation de salle (PDF, 120 Ko)",
                                        True,
                                        "",
                                    ),
                                    ("Plus d’infos", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "Mettre un texte en gras suffit pour en faire un titre.",
                                [
                                    (
                                        "Vrai",
                                        False,
                                        "Les lecteurs d’écran s’appuient sur les vrais niveaux de titre.",
                                    ),
                                    ("Faux", True, ""),
                                ],
                            ),
                            q(
                                "single",
                                "Un usager vous demande de garder ses identifiants pour la prochaine fois.",
                                [
                                    (
                                        "Je les note dans le dossier de l’accueil.",
                                        False,
                                        "",
                                    ),
                                    (
                                        "Je refuse et l’aide à les conserver lui-même de façon sûre.",
                                        True,
                                        "",
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


ACCESS_EN: dict[str, Any] = {
    "slug": "accessible-online-services",
    "language": "en",
    "audience": "staff",
    "duration": 35,
    "level": "beginner",
    "town": "montval",
    "competences": ["DigComp 2.2", "DigComp 3.1", "Accessibility"],
    "title": "Online public services and digital accessibility",
    "summary": "<p>Helping residents with online procedures and producing content that everyone can use, including people with disabilities.</p>",
    "lessons": [
        {
            "title": "Helping a resident online",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Nearly one adult in three says they struggle with online procedures. At the front desk your role is not to do things for residents but <b>with</b> them: show them the right official site, help them create their login, and refer them to a digital adviser or a France services centre when needed.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "text": "<p>Never keep a resident’s login details or type their password for them.</p>",
                    },
                ),
            ],
        },
        {
            "title": "Accessible content",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>Accessibility rules (RGAA in France, WCAG internationally) apply to council websites and documents. A few simple rules cover most of it:</p><ul><li>give images that carry information a <b>text alternative</b>;</li><li>structure with real <b>headings</b> (Heading 1, Heading 2) rather than bold text;</li><li>write <b>meaningful links</b> (“Download the room booking form” rather than “click here”);</li><li>keep enough <b>contrast</b> between text and background;</li><li>caption videos and offer a transcript.</li></ul>",
                ),
                (
                    "quiz",
                    {
                        "title": "Quiz: accessibility",
                        "pass_mark": 70,
                        "max_attempts": 3,
                        "shuffle": True,
                        "questions": [
                            q(
                                "single",
                                "Which link is the most accessible?",
                                [
                                    (
                                        "Click here",
                                        False,
                                        "Out of context, “click here” says nothing.",
                                    ),
                                    (
                                        "Download the room booking form (PDF, 120 KB)",
                                        True,
                                        "",
                                    ),
                                    ("More info", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "Making text bold is enough to make it a heading.",
                                [
                                    (
                                        "True",
                                        False,
                                        "Screen readers rely on real heading levels.",
                                    ),
                                    ("False", True, ""),
                                ],
                            ),
                            q(
                                "single",
                                "A resident asks you to keep their login details for next time.",
                                [
                                    (
                                        "I write them down in the front-desk file.",
                                        False,
                                        "",
                                    ),
                                    (
                                        "I refuse and help them keep them safely themselves.",
                                        True,
                                        "",
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
