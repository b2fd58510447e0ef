"""Downloadable resources of the demo courses."""

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
