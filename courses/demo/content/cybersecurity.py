"""Demo course: cybersecurity essentials, in French and English."""

from __future__ import annotations

from typing import Any

from courses.demo.content.questions import q

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
