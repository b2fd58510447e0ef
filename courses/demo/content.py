"""Demo courses in French and English: real, short, useful content for town staff
and elected officials. Loaded by ``manage.py load_demo``."""

from __future__ import annotations

from typing import Any


def q(
    kind: str, text: str, choices: list[tuple[str, bool, str]], explanation: str = ""
) -> dict[str, Any]:
    return {
        "kind": kind,
        "text": text,
        "choices": [{"text": t, "correct": c, "feedback": f} for t, c, f in choices],
        "explanation": explanation,
    }


CYBER_FR: dict[str, Any] = {
    "slug": "cybersecurite-essentiels",
    "language": "fr",
    "audience": "staff",
    "duration": 45,
    "level": "beginner",
    "town": "saint-aubin",
    "competences": ["DigComp 4.1", "DigComp 4.2", "Cybersécurité"],
    "title": "Cybersécurité : les gestes essentiels au bureau",
    "summary": "<p>Hameçonnage, mots de passe, mises à jour, données des usagers : les réflexes qui protègent la collectivité au quotidien. Formation obligatoire pour tous les agents.</p>",
    "lessons": [
        {
            "title": "Reconnaître un message piégé",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>La plupart des attaques contre les collectivités commencent par un courriel. Un message d’hameçonnage (<i>phishing</i>) imite un fournisseur, un élu, la trésorerie ou un service interne pour vous faire cliquer sur un lien, ouvrir une pièce jointe ou saisir votre mot de passe.</p>",
                ),
                ("heading", "Les signaux d’alerte"),
                (
                    "text",
                    "<ul><li>Une <b>urgence</b> inhabituelle : « à régler avant midi », « votre compte sera suspendu ».</li><li>Une <b>adresse d’expéditeur</b> qui ressemble à la vraie sans l’être (mairie-saint-aubin.fr.secure-mail.com).</li><li>Une demande de <b>changement de RIB</b> d’un fournisseur ou d’un agent.</li><li>Une pièce jointe inattendue (.zip, .html, document Office demandant d’« activer le contenu »).</li><li>Un lien dont l’adresse réelle, visible en survolant, ne correspond pas au texte affiché.</li></ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "key",
                        "text": "<p>En cas de doute, ne cliquez pas : vérifiez par un autre canal (téléphone connu, annuaire interne) et transférez le message au service informatique.</p>",
                    },
                ),
                (
                    "text",
                    "<p>Si vous avez cliqué ou saisi un mot de passe, prévenez immédiatement le support informatique : quelques minutes gagnées limitent fortement les dégâts. Personne ne vous le reprochera ; le silence, lui, coûte cher.</p>",
                ),
            ],
        },
        {
            "title": "Mots de passe et double authentification",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Un mot de passe solide est <b>long</b> plutôt que compliqué : une phrase de passe de quatre ou cinq mots sans lien entre eux résiste mieux qu’un mot court truffé de symboles. Surtout, chaque service doit avoir <b>son propre</b> mot de passe : une fuite sur un site personnel ne doit pas ouvrir la messagerie de la mairie.</p>",
                ),
                ("heading", "Un gestionnaire de mots de passe"),
                (
                    "text",
                    "<p>Le gestionnaire de mots de passe fourni par la collectivité retient pour vous des mots de passe uniques. Vous n’avez plus qu’une phrase de passe à mémoriser. Ne notez jamais vos mots de passe sur un papier collé à l’écran ni dans un fichier non chiffré.</p>",
                ),
                ("heading", "La double authentification"),
                (
                    "text",
                    "<p>Activez la validation en deux étapes partout où elle est proposée (messagerie, logiciels métiers, accès à distance) : même avec votre mot de passe, un attaquant ne peut pas se connecter sans votre téléphone ou votre clé.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "text": "<p>Le service informatique ne vous demandera <b>jamais</b> votre mot de passe, ni par courriel ni par téléphone.</p>",
                    },
                ),
            ],
        },
        {
            "title": "Protéger les données des usagers",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>État civil, aides sociales, cantine, urbanisme : la collectivité traite chaque jour des données personnelles, parfois sensibles. Le RGPD impose de n’en collecter que le nécessaire, de les conserver le temps utile et d’en protéger l’accès.</p>",
                ),
                (
                    "text",
                    "<ul><li>Verrouillez votre session dès que vous quittez votre poste (touches Windows + L).</li><li>N’envoyez pas de fichiers nominatifs par messagerie personnelle ni par clé USB non chiffrée.</li><li>Faites les mises à jour proposées : elles corrigent des failles connues.</li><li>Signalez toute perte de matériel ou tout envoi à un mauvais destinataire au délégué à la protection des données : la collectivité a 72 heures pour notifier la CNIL.</li></ul>",
                ),
                (
                    "quiz",
                    {
                        "title": "Vérifiez vos réflexes",
                        "pass_mark": 70,
                        "max_attempts": 3,
                        "shuffle": True,
                        "questions": [
                            q(
                                "single",
                                "Un fournisseur vous demande par courriel de modifier son RIB avant le prochain paiement. Que faites-vous ?",
                                [
                                    (
                                        "Je modifie le RIB : le courriel vient de son adresse habituelle.",
                                        False,
                                        "Une adresse peut être usurpée ou un compte piraté.",
                                    ),
                                    (
                                        "Je vérifie auprès du fournisseur par un numéro de téléphone déjà connu.",
                                        True,
                                        "C’est le bon réflexe : un autre canal, déjà connu.",
                                    ),
                                    (
                                        "Je réponds au courriel pour demander confirmation.",
                                        False,
                                        "La réponse arrivera à l’attaquant.",
                                    ),
                                ],
                                "La fraude au changement de RIB est l’une des plus coûteuses pour les collectivités.",
                            ),
                            q(
                                "multiple",
                                "Quelles pratiques renforcent la sécurité de vos comptes ?",
                                [
                                    (
                                        "Un mot de passe différent pour chaque service",
                                        True,
                                        "",
                                    ),
                                    ("La double authentification", True, ""),
                                    (
                                        "Le même mot de passe fort partout",
                                        False,
                                        "Une seule fuite suffit alors à tout ouvrir.",
                                    ),
                                    (
                                        "Noter ses mots de passe sous le clavier",
                                        False,
                                        "",
                                    ),
                                ],
                            ),
                            q(
                                "true_false",
                                "Le service informatique peut vous demander votre mot de passe par téléphone pour une intervention.",
                                [
                                    (
                                        "Vrai",
                                        False,
                                        "Jamais : c’est une technique classique d’escroquerie.",
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

CYBER_EN: dict[str, Any] = {
    "slug": "cybersecurity-essentials",
    "language": "en",
    "audience": "staff",
    "duration": 45,
    "level": "beginner",
    "town": "saint-aubin",
    "competences": ["DigComp 4.1", "DigComp 4.2", "Cybersecurity"],
    "title": "Cybersecurity: everyday habits at work",
    "summary": "<p>Phishing, passwords, updates, residents’ data: the habits that protect the council every day. Mandatory for all staff.</p>",
    "lessons": [
        {
            "title": "Spotting a trapped message",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Most attacks on local authorities start with an e-mail. A phishing message imitates a supplier, a councillor, the treasury or an internal department to make you click a link, open an attachment or type your password.</p>",
                ),
                ("heading", "Warning signs"),
                (
                    "text",
                    "<ul><li>Unusual <b>urgency</b>: “pay before noon”, “your account will be suspended”.</li><li>A <b>sender address</b> that looks like the real one but is not.</li><li>A request to <b>change the bank details</b> of a supplier or an employee.</li><li>An unexpected attachment (.zip, .html, an Office file asking you to “enable content”).</li><li>A link whose real address, shown when you hover over it, does not match its text.</li></ul>",
                ),
                (
                    "callout",
                    {
                        "kind": "key",
                        "text": "<p>When in doubt, do not click: check through another channel (a known phone number, the staff directory) and forward the message to IT.</p>",
                    },
                ),
                (
                    "text",
                    "<p>If you clicked or typed a password, tell IT support straight away: a few minutes gained greatly limits the damage. No one will blame you; silence is what costs.</p>",
                ),
            ],
        },
        {
            "title": "Passwords and two-step verification",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>A strong password is <b>long</b> rather than complicated: a passphrase of four or five unrelated words resists better than a short word full of symbols. Above all, every service needs <b>its own</b> password: a leak on a personal website must not open the council’s mailbox.</p>",
                ),
                ("heading", "A password manager"),
                (
                    "text",
                    "<p>The password manager provided by the council remembers unique passwords for you; you only need to remember one passphrase. Never write passwords on a note stuck to the screen or in an unencrypted file.</p>",
                ),
                ("heading", "Two-step verification"),
                (
                    "text",
                    "<p>Turn on two-step verification wherever it is offered (e-mail, business software, remote access): even with your password, an attacker cannot sign in without your phone or key.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "text": "<p>IT will <b>never</b> ask for your password, by e-mail or by phone.</p>",
                    },
                ),
            ],
        },
        {
            "title": "Protecting residents’ data",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Civil registration, social support, school meals, planning: the council handles personal data every day, some of it sensitive. The GDPR requires collecting only what is needed, keeping it only as long as useful and protecting access to it.</p>",
                ),
                (
                    "text",
                    "<ul><li>Lock your session whenever you leave your desk (Windows + L).</li><li>Do not send files with personal data through personal e-mail or an unencrypted USB stick.</li><li>Install the updates you are offered: they fix known flaws.</li><li>Report any lost device or e-mail sent to the wrong person to the data protection officer: the council has 72 hours to notify the regulator.</li></ul>",
                ),
                (
                    "quiz",
                    {
                        "title": "Check your habits",
                        "pass_mark": 70,
                        "max_attempts": 3,
                        "shuffle": True,
                        "questions": [
                            q(
                                "single",
                                "A supplier e-mails you to change their bank details before the next payment. What do you do?",
                                [
                                    (
                                        "Change them: the e-mail comes from their usual address.",
                                        False,
                                        "An address can be spoofed or an account hacked.",
                                    ),
                                    (
                                        "Check with the supplier on a phone number you already know.",
                                        True,
                                        "That is the right habit: another, known channel.",
                                    ),
                                    (
                                        "Reply to the e-mail to ask for confirmation.",
                                        False,
                                        "The reply will reach the attacker.",
                                    ),
                                ],
                                "Bank-detail fraud is one of the costliest for local authorities.",
                            ),
                            q(
                                "multiple",
                                "Which practices make your accounts safer?",
                                [
                                    ("A different password for each service", True, ""),
                                    ("Two-step verification", True, ""),
                                    (
                                        "The same strong password everywhere",
                                        False,
                                        "Then one leak opens everything.",
                                    ),
                                    ("Writing passwords under the keyboard", False, ""),
                                ],
                            ),
                            q(
                                "true_false",
                                "IT may ask for your password on the phone to fix something.",
                                [
                                    ("True", False, "Never: it is a classic scam."),
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

DEMO_COURSES = [
    CYBER_FR,
    CYBER_EN,
    OPEN_DATA_FR,
    OPEN_DATA_EN,
    ACCESS_FR,
    ACCESS_EN,
    STRATEGY_FR,
    STRATEGY_EN,
]

# Downloadable resources, each stored in its course's town collection and added
# to the course's first lesson: (course slug, title, file name, description, text).
DEMO_RESOURCES = [
    (
        "cybersecurite-essentiels",
        "Fiche réflexe : e-mail suspect",
        "fiche-reflexe-e-mail-suspect.txt",
        "À afficher près de son poste.",
        "FICHE RÉFLEXE — UN E-MAIL VOUS SEMBLE SUSPECT\n\n"
        "1. Ne cliquez sur aucun lien et n'ouvrez aucune pièce jointe.\n"
        "2. Ne répondez pas et ne transférez pas le message à vos collègues.\n"
        "3. Signalez-le au support informatique avec le bouton « Signaler ».\n"
        "4. Si vous avez déjà cliqué ou saisi un mot de passe : appelez le support "
        "tout de suite et changez ce mot de passe.\n",
    ),
    (
        "demarches-en-ligne-accessibles",
        "Check-list : un document accessible",
        "check-list-document-accessible.txt",
        "Avant de publier un document sur le site de la commune.",
        "CHECK-LIST — UN DOCUMENT ACCESSIBLE\n\n"
        "[ ] Les titres utilisent les styles Titre 1, Titre 2.\n"
        "[ ] Chaque image porteuse d'information a un texte alternatif.\n"
        "[ ] Les liens disent où ils mènent.\n"
        "[ ] Le contraste entre texte et fond est suffisant.\n"
        "[ ] Le document est enregistré en PDF balisé ou au format ODT.\n",
    ),
]
