"""Plausible French text for the benchmark site, from a small vocabulary written for it.

Sentences are put together from noun phrases, verbs and complements about the subjects of the
platform (associations, hosting, free software…), so that search, stemming, snippets, Markdown
rendering and diffs work on text shaped like the real thing. Seeded: the same `random.Random`
gives the same text.
"""

import random

SUBJECTS = (
    "L'association",
    "La coopérative",
    "Notre collectif",
    "Chaque bénévole",
    "L'équipe salariée",
    "Le conseil d'administration",
    "La fédération régionale",
    "Un hébergeur associatif",
    "La communauté du logiciel",
    "Le réseau local",
    "La médiathèque du quartier",
    "Une petite structure",
    "Le groupe de travail",
    "La boutique de commerce équitable",
    "Le fournisseur d'accès associatif",
    "La mutuelle",
    "Chaque adhérente",
    "Le centre social",
    "La ressourcerie",
    "L'atelier numérique",
)
VERBS = (
    "choisit",
    "héberge",
    "publie",
    "partage",
    "documente",
    "compare",
    "protège",
    "anime",
    "explique",
    "propose",
    "soutient",
    "met à jour",
    "traduit",
    "sauvegarde",
    "améliore",
    "présente",
    "vérifie",
    "accompagne",
    "organise",
    "recommande",
)
OBJECTS = (
    "ses données personnelles",
    "un site web sobre",
    "une lettre d'information",
    "les comptes rendus des réunions",
    "un agenda partagé",
    "des outils libres",
    "la liste des adhérents",
    "un forum de discussion",
    "les photos de l'événement",
    "une charte d'utilisation",
    "un formulaire d'inscription",
    "la comptabilité de l'année",
    "un wiki collaboratif",
    "les contenus sous licence libre",
    "une visioconférence chiffrée",
    "un sondage pour fixer la date",
    "les sauvegardes chiffrées",
    "une page sur un réseau social fédéré",
    "le rapport d'activité",
    "les tutoriels pour débutants",
    "un espace de stockage partagé",
    "une boutique en ligne éthique",
    "la politique de confidentialité",
    "les règles de modération",
)
COMPLEMENTS = (
    "avec l'aide des bénévoles",
    "sans publicité ni pistage",
    "chez un hébergeur membre des CHATONS",
    "pour les personnes éloignées du numérique",
    "en respectant le consentement de chacun",
    "dans un format ouvert",
    "à chaque assemblée générale",
    "depuis un vieil ordinateur",
    "avec une connexion lente",
    "pour que tout le monde puisse participer",
    "selon les principes de l'économie sociale et solidaire",
    "avant la fin du trimestre",
    "en lien avec les autres structures du territoire",
    "sans dépendre d'une grande plateforme",
    "pour réduire son empreinte écologique",
    "avec un lecteur d'écran",
    "en toute transparence",
    "grâce à un atelier de formation",
)
OPENERS = (
    "",
    "",
    "",
    "En pratique, ",
    "Par ailleurs, ",
    "Pour commencer, ",
    "Depuis l'an dernier, ",
    "Concrètement, ",
    "De plus, ",
    "Ensuite, ",
    "Dans bien des cas, ",
    "Pour aller plus loin, ",
)
HEADINGS = (
    "Pourquoi c'est important",
    "Par où commencer",
    "Les outils possibles",
    "Ce qu'il faut vérifier",
    "Exemples de structures",
    "Les limites",
    "Questions fréquentes",
    "Pour aller plus loin",
    "Le point de vue des bénévoles",
    "Coûts et temps nécessaire",
    "Accessibilité",
    "Sécurité des données",
)
TITLE_TOPICS = (
    "Héberger",
    "Choisir",
    "Publier",
    "Sauvegarder",
    "Partager",
    "Animer",
    "Protéger",
    "Traduire",
    "Documenter",
    "Financer",
    "Mesurer",
    "Archiver",
)
TITLE_THINGS = (
    "le site de l'association",
    "une lettre d'information",
    "les données des adhérents",
    "un agenda partagé",
    "le forum des bénévoles",
    "les photos des ateliers",
    "un wiki de quartier",
    "la boutique solidaire",
    "les comptes rendus",
    "une campagne de dons",
    "la page d'un réseau social",
    "les documents de la coopérative",
)
TITLE_CONTEXTS = (
    "en milieu rural",
    "sans budget",
    "avec des bénévoles",
    "pour une fédération",
    "en petite équipe",
    "pas à pas",
    "au quotidien",
    "sur le long terme",
)
TAGS = (
    "accessibilité",
    "hébergement",
    "logiciel libre",
    "vie privée",
    "réseaux sociaux",
    "sobriété",
    "commerce équitable",
    "bénévolat",
    "gouvernance",
    "sécurité",
    "formation",
    "communication",
    "transparence",
    "consentement",
    "archives",
    "financement",
    "territoire",
    "coopération",
    "fédération",
    "tutoriel",
)
# A word that appears in very few articles: the "rare word" search of the benchmark.
RARE_WORD = "permaculture"


def sentence(rng: random.Random) -> str:
    opener, subject = rng.choice(OPENERS), rng.choice(SUBJECTS)
    if opener:  # "En pratique, l'association…"
        subject = subject[0].lower() + subject[1:]
    return f"{opener}{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(COMPLEMENTS)}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))


def title(rng: random.Random, number: int) -> str:
    """A title; the number keeps 10,000 of them distinct."""
    return (
        f"{rng.choice(TITLE_TOPICS)} {rng.choice(TITLE_THINGS)} "
        f"{rng.choice(TITLE_CONTEXTS)} ({number})"
    )


def article_sections(rng: random.Random, count: int) -> list[str]:
    """`count` blocks of Markdown: headings with their paragraphs, now and then a list."""
    blocks = []
    for index in range(count):
        if index % 3 == 0:
            blocks.append(f"## {rng.choice(HEADINGS)}")
        if rng.random() < 0.15:
            blocks.append("\n".join(f"- {sentence(rng)}" for _ in range(3)))
        else:
            blocks.append(paragraph(rng))
    return blocks


def vary(rng: random.Random, block: str) -> str:
    """The same block with one sentence rewritten: what a small edit does."""
    if block.startswith("#") or block.startswith("- "):
        return block
    sentences = block.split(". ")
    sentences[rng.randrange(len(sentences))] = sentence(rng).rstrip(".")
    return ". ".join(sentences).rstrip(".") + "."
