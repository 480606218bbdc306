"""What the demo holds at this stage: organisations, networks, people (platform "Demo data").

Every name, company and SIREN is invented (the SIRENs are Luhn-valid but fictional).
"""

from __future__ import annotations

from typing import Any

DEMO_PASSWORD = "demo-mixite-2026"  # noqa: S105 - printed by `make run`, demo accounts only
# Fixed so that `make run` can print it; only the demo account uses it.
DEMO_TOTP_SECRET = "MIXITEDEMOSECURITEVALMONTXYZABCD"  # noqa: S105

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "transports-valmont",
        "name": "Transports Valmont SA",
        "kind": "company",
        "siren": "812345676",
        "naf": "49.41A",
        "commune": "35352",  # Vern-sur-Seiche
        "legal_headcount": 620,
        "has_cse": True,
        "has_union_delegates": True,
        "share_dashboards_with_members": True,
    },
    {
        "slug": "les-tilleuls",
        "name": "Les Tilleuls",
        "kind": "association",
        "siren": "441234564",
        "naf": "88.10A",
        "commune": "29233",  # Quimperlé
        "legal_headcount": 45,
        "has_cse": True,
        "has_union_delegates": False,
        "share_dashboards_with_members": False,
    },
    {
        "slug": "cap-egalite-conseil",
        "name": "Cap Égalité Conseil",
        "kind": "consultancy",
        "siren": "512345679",
        "naf": "70.22Z",
        "commune": "35238",  # Rennes
        "legal_headcount": 8,
        "has_cse": False,
        "has_union_delegates": False,
        "share_dashboards_with_members": False,
    },
    {
        "slug": "orvalia",
        "name": "Orvalia SA",
        "kind": "company",
        "siren": "798765434",
        "naf": "43.21A",
        "commune": "69123",  # Lyon
        "legal_headcount": 2000,
        "has_cse": True,
        "has_union_delegates": True,
        "share_dashboards_with_members": False,
    },
]

# Réseau Mixité Orvalia: sub-networks by sector or country, chapters below (D-2).
ORVALIA_NETWORK: dict[str, Any] = {
    "slug": "reseau-mixite-orvalia",
    "name": "Réseau Mixité Orvalia",
    "organisation": "orvalia",
    "visibility": "members",
    "description": (
        "Le réseau interne de mixité du groupe Orvalia : mentorat, rencontres avec des "
        "modèles, événements inter-entreprises et un plan d'action annuel."
    ),
    "tree": [
        (
            "orvalia-energie",
            "Orvalia Énergie",
            "sector",
            [
                ("lyon", "Lyon", "69123", "", "Lyon"),
                ("grenoble", "Grenoble", "38185", "", "Grenoble"),
            ],
        ),
        (
            "orvalia-services-numeriques",
            "Orvalia Services numériques",
            "sector",
            [
                ("courbevoie", "Courbevoie", "92026", "", "Courbevoie"),
                ("toulouse", "Toulouse", "31555", "", "Toulouse"),
                ("nantes", "Nantes", "44109", "", "Nantes"),
                ("lille", "Lille", "59350", "", "Lille"),
            ],
        ),
        (
            "orvalia-international",
            "Orvalia International",
            "country",
            [
                ("hamburg", "Hamburg", "", "DE", "Hamburg"),
                ("madrid", "Madrid", "", "ES", "Madrid"),
            ],
        ),
    ],
}

# Elles Entreprennent en Territoires: the 40 chapters of acceptance example E-1, by région.
TERRITORIES_NETWORK: dict[str, Any] = {
    "slug": "elles-entreprennent",
    "name": "Elles Entreprennent en Territoires",
    "visibility": "public",
    "description": (
        "Un réseau de femmes entrepreneures : 40 coordinations locales, chacune à moins de "
        "30 minutes de ses membres, des ateliers en ligne et le Coup de pouce entre membres."
    ),
    "regions": [
        (
            "Bretagne",
            [
                ("Rennes", "35238"),
                ("Quimper", "29232"),
                ("Vannes", "56260"),
                ("Saint-Brieuc", "22278"),
                ("Lorient", "56121"),
            ],
        ),
        ("Normandie", [("Caen", "14118"), ("Rouen", "76540"), ("Saint-Lô", "50502")]),
        (
            "Hauts-de-France",
            [("Lille", "59350"), ("Amiens", "80021"), ("Arras", "62041")],
        ),
        ("Île-de-France", [("Paris", "75056"), ("Versailles", "78646")]),
        (
            "Grand Est",
            [("Strasbourg", "67482"), ("Reims", "51454"), ("Nancy", "54395")],
        ),
        (
            "Bourgogne-Franche-Comté",
            [("Dijon", "21231"), ("Besançon", "25056"), ("Nevers", "58194")],
        ),
        ("Centre-Val de Loire", [("Tours", "37261"), ("Bourges", "18033")]),
        (
            "Pays de la Loire",
            [("Nantes", "44109"), ("Angers", "49007"), ("Laval", "53130")],
        ),
        (
            "Nouvelle-Aquitaine",
            [
                ("Bordeaux", "33063"),
                ("Limoges", "87085"),
                ("Pau", "64445"),
                ("Guéret", "23096"),
            ],
        ),
        (
            "Occitanie",
            [
                ("Toulouse", "31555"),
                ("Montpellier", "34172"),
                ("Rodez", "12202"),
                ("Mende", "48095"),
            ],
        ),
        (
            "Auvergne-Rhône-Alpes",
            [
                ("Lyon", "69123"),
                ("Clermont-Ferrand", "63113"),
                ("Annecy", "74010"),
                ("Aurillac", "15014"),
            ],
        ),
        ("Provence-Alpes-Côte d'Azur", [("Marseille", "13055"), ("Gap", "05061")]),
        ("Corse", [("Ajaccio", "2A004")]),
        ("La Réunion", [("Saint-Denis", "97411")]),
    ],
    "dormant": ["Nevers", "Guéret", "Aurillac"],  # 3 dormant chapters (D-2)
}

FIRST_NAMES = [
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Sarah",
    "Emma",
    "Julie",
    "Claire",
    "Sophie",
    "Nadia",
    "Aïcha",
    "Hélène",
    "Margaux",
    "Pauline",
    "Élodie",
    "Anaïs",
    "Fatou",
    "Lucie",
    "Mathilde",
    "Amandine",
    "Yasmine",
    "Laure",
    "Gwenaëlle",
    "Maëlle",
    "Solène",
    "Agathe",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Le Goff",
    "Moreau",
    "Lefèvre",
    "Garnier",
    "Benali",
    "Rousseau",
    "Kerbrat",
    "Fournier",
    "Diallo",
    "Girard",
    "Mercier",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roux",
    "Nguyen",
    "Perrin",
    "Morel",
    "Da Silva",
    "Le Gall",
    "Faure",
]

# (e-mail, display name, language, sex, org roles, network roles, what to look at)
Person = tuple[
    str, str, str, str, list[tuple[str, str]], list[tuple[str, str | None, str]], str
]
# org roles: (org slug, role); network roles: (network slug, node slug or None, role).
PEOPLE: list[Person] = [
    (
        "admin@mixite.example",
        "Administratrice de l'instance",
        "fr",
        "",
        [],
        [],
        "Administration Django, journal d'audit de l'instance",
    ),
    (
        "direction@valmont.example",
        "Isabelle Valmont",
        "fr",
        "F",
        [("transports-valmont", "owner")],
        [],
        "Rôles et invitations, journal d'audit, 2FA",
    ),
    (
        "analyste@valmont.example",
        "Karim Haddad",
        "fr",
        "M",
        [("transports-valmont", "analyst")],
        [],
        "Espace de l'organisation, rôles d'analyste",
    ),
    (
        "securite@valmont.example",
        "Nathalie Ferrand",
        "fr",
        "F",
        [("transports-valmont", "analyst")],
        [],
        "Connexion à deux facteurs, codes de secours",
    ),
    (
        "rh@valmont.example",
        "Sandrine Collet",
        "fr",
        "F",
        [("transports-valmont", "hr")],
        [],
        "Vue partagée, plans d'action",
    ),
    (
        "salarie@valmont.example",
        "Thomas Brun",
        "fr",
        "M",
        [("transports-valmont", "member")],
        [],
        "Tableaux de bord partagés",
    ),
    (
        "direction@tilleuls.example",
        "Monique Le Dantec",
        "fr",
        "F",
        [("les-tilleuls", "owner"), ("les-tilleuls", "hr")],
        [],
        "Moins de 50 salariés",
    ),
    (
        "consultante@cap-egalite.example",
        "Aurélie Quéré",
        "fr",
        "F",
        [("cap-egalite-conseil", "owner"), ("les-tilleuls", "analyst")],
        [],
        "Accès consultante chez un client",
    ),
    (
        "direction@orvalia.example",
        "Philippe Orsini",
        "fr",
        "M",
        [("orvalia", "owner")],
        [],
        "Indicateurs partagés avec le réseau",
    ),
    (
        "pilote@orvalia.example",
        "Hélène Marchand",
        "fr",
        "F",
        [],
        [
            ("reseau-mixite-orvalia", None, "network_leader"),
            ("reseau-mixite-orvalia", None, "member"),
        ],
        "Arborescence, bureau, charte",
    ),
    (
        "coord.lyon@orvalia.example",
        "Sonia Belkacem",
        "fr",
        "F",
        [],
        [
            ("reseau-mixite-orvalia", "lyon", "chapter_coordinator"),
            ("reseau-mixite-orvalia", "lyon", "member"),
        ],
        "Antenne de Lyon",
    ),
    (
        "mentor@orvalia.example",
        "Julien Navarro",
        "fr",
        "M",
        [],
        [("reseau-mixite-orvalia", "grenoble", "member")],
        "Membre du réseau (antenne de Grenoble)",
    ),
    (
        "mentoree@orvalia.example",
        "Clara Dumont",
        "fr",
        "F",
        [],
        [("reseau-mixite-orvalia", "lyon", "member")],
        "Membre du réseau (antenne de Lyon)",
    ),
    (
        "member.en@orvalia.example",
        "Emily Carter",
        "en",
        "F",
        [],
        [("reseau-mixite-orvalia", "hamburg", "member")],
        "English interface",
    ),
    (
        "presidente@elles-territoires.example",
        "Gwenola Le Bihan",
        "fr",
        "F",
        [],
        [
            ("elles-entreprennent", None, "network_leader"),
            ("elles-entreprennent", None, "member"),
        ],
        "Réseau territorial, coordinations",
    ),
    (
        "coord.quimper@elles-territoires.example",
        "Maïwenn Cozic",
        "fr",
        "F",
        [],
        [
            ("elles-entreprennent", "quimper", "chapter_coordinator"),
            ("elles-entreprennent", "quimper", "member"),
        ],
        "Coordination de Quimper",
    ),
    (
        "moderatrice@elles-territoires.example",
        "Patricia Lemaire",
        "fr",
        "F",
        [],
        [
            ("elles-entreprennent", None, "moderator"),
            ("elles-entreprennent", None, "member"),
        ],
        "Modération",
    ),
    (
        "membre@elles-territoires.example",
        "Armelle Tanguy",
        "fr",
        "F",
        [],
        [("elles-entreprennent", "lorient", "member")],
        "Membre à Quimperlé",
    ),
    (
        "invitee@example.org",
        "Invitée Conférence",
        "fr",
        "F",
        [],
        [("reseau-mixite-orvalia", None, "guest")],
        "Invitée du réseau Orvalia",
    ),
]
PERSON_COMMUNES = {"membre@elles-territoires.example": "29233"}
