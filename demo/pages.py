# ruff: noqa: E501 - prose in three languages reads better unbroken
"""Demo texts of the home page, the content pages and the news, in Dutch, French and English.

Facts about De Deelfabriek, told in our own words. Contact details are invented
and obviously demo (*.example, 056 00 00 00). Pages are created in the order of this file,
which is also the order of the main menu; a call to action may only point at a page that
comes earlier.
"""

from .blocks import contact, cta, faq, h, image, p, ul


def tariffs_overview(title):
    """Every initiative's plans, read from the initiatives' pages (home/blocks.py)."""
    return ("tariffs_overview", {"title": title})


def account_data(title, text):
    """The links to the member's own data in My account (home/blocks.py)."""
    return ("account_data", {"title": title, "text": text})


# The address (slug) of a translated page, by the Dutch page's slug, where the translated
# title would make a long or awkward one. Other translations take their slug from their
# title (demo/loader.py).
TRANSLATED_SLUGS = {
    "missie": {"fr": "mission", "en": "mission"},
    "tarieven": {"fr": "tarifs", "en": "prices"},
    "privacy": {"fr": "confidentialite", "en": "privacy"},
    "toegankelijkheid": {"fr": "accessibilite", "en": "accessibility"},
    "europese-prijs-2023": {"fr": "prix-europeen-2023", "en": "european-award-2023"},
    "nieuw-gebouw-open": {"fr": "nouveau-batiment-ouvert", "en": "new-building-open"},
}

# key -> (title of the wagtail image, colour, drawn as the building)
IMAGES = {
    "gebouw": ("De Deelfabriek", "#7d2814", True),
    "opening": ("Open sinds 13.10.2023", "#7d2814", True),
    "delen": ("Delen, ruilen, herstellen", "#2f6f3e", False),
    "lid-worden": ("Lid worden in drie stappen", "#3d7f8c", False),
    "sociaal-tarief": ("Sociaal tarief en UiTPAS", "#c07a12", False),
    "voor-iedereen": ("Voor iedereen", "#8c2f6b", False),
    "award": ("European Social Services Award 2023", "#2f4f8c", False),
}

ADDRESS = {
    "nl": "Rijkswachtstraat 5\n8500 Kortrijk\nBelgië",
    "fr": "Rijkswachtstraat 5\n8500 Courtrai\nBelgique",
    "en": "Rijkswachtstraat 5\n8500 Kortrijk\nBelgium",
}

SITE = {
    "name": "De Deelfabriek",
    "street": "Rijkswachtstraat 5",
    "postal_code": "8500",
    "city": "Kortrijk",
    "email": "info@deelfabriek.example",
    "phone": "056 00 00 00",
}

HOME = {
    "slug": "home",
    "image": "gebouw",
    "title": {
        "nl": "Welkom in De Deelfabriek",
        "fr": "Bienvenue à De Deelfabriek",
        "en": "Welcome to De Deelfabriek",
    },
    "intro": {
        "nl": "Delen, ruilen en herstellen in plaats van kopen: meer dan vijftien initiatieven onder één dak, in de oude brandweerkazerne van Kortrijk. Voor iedereen, met een sociaal tarief voor wie het nodig heeft.",
        "fr": "Partager, échanger et réparer plutôt qu'acheter : plus de quinze initiatives sous un même toit, dans l'ancienne caserne des pompiers de Courtrai. Pour tout le monde, avec un tarif social pour qui en a besoin.",
        "en": "Sharing, swapping and repairing instead of buying: more than fifteen initiatives under one roof, in Kortrijk's old fire station. For everyone, with a social tariff for those who need it.",
    },
    "body": {
        "nl": [
            h("Eén gebouw, veel manieren om te delen"),
            p(
                "Leen een boormachine, ruil kinderkleren, herstel je fiets of eet een warme maaltijd. Elk initiatief heeft eigen openingsuren en tarieven; je vindt ze bij het initiatief zelf."
            ),
            contact("Praktisch", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["nl"]),
        ],
        "fr": [
            h("Un bâtiment, mille façons de partager"),
            p(
                "Empruntez une perceuse, échangez des vêtements d'enfant, réparez votre vélo ou prenez un repas chaud. Chaque initiative a ses propres horaires et tarifs : vous les trouvez sur sa page."
            ),
            contact("En pratique", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["fr"]),
        ],
        "en": [
            h("One building, many ways to share"),
            p(
                "Borrow a drill, swap children's clothes, fix your bike or have a hot meal. Each initiative sets its own opening hours and prices; you find them on its page."
            ),
            contact("Practical", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["en"]),
        ],
    },
}

# Weekly hours of the building (0 = Monday): "weekday HH:MM-HH:MM".
BUILDING_HOURS = [
    "1 13:00-17:00",
    "2 09:00-12:00",
    "2 13:00-18:00",
    "3 13:00-21:00",
    "4 13:00-17:00",
    "5 09:30-12:30",
    "5 13:30-16:30",
]

# Dates are relative to the day the demo is loaded; see demo/dates.py.
BUILDING_EXCEPTIONS = [
    {
        "start": "yearly 12-24",
        "end": "yearly 01-01",
        "closed": True,
        "reason": {
            "nl": "Kerstvakantie: het gebouw is dicht",
            "fr": "Vacances de Noël : le bâtiment est fermé",
            "en": "Christmas holidays: the building is closed",
        },
    },
    {
        "start": "weekday 3 +2",
        "closed": False,
        "opens": "13:00",
        "closes": "16:00",
        "reason": {
            "nl": "Vrijwilligersfeest: vroeger dicht",
            "fr": "Fête des bénévoles : fermeture anticipée",
            "en": "Volunteers' party: closing early",
        },
    },
]

INDEXES = {
    "initiatives": {
        "slug": "initiatieven",
        "title": {"nl": "Initiatieven", "fr": "Initiatives", "en": "Initiatives"},
        "intro": {
            "nl": "<p>Alle initiatieven in het gebouw: wat ze doen, waar je ze vindt en wanneer ze open zijn.</p>",
            "fr": "<p>Toutes les initiatives du bâtiment : ce qu'elles font, où les trouver et quand elles sont ouvertes.</p>",
            "en": "<p>All initiatives in the building: what they do, where to find them and when they are open.</p>",
        },
    },
    "news": {
        "slug": "nieuws",
        "title": {"nl": "Nieuws", "fr": "Actualités", "en": "News"},
        "intro": {
            "nl": "<p>Wat er beweegt in De Deelfabriek.</p>",
            "fr": "<p>Ce qui bouge à De Deelfabriek.</p>",
            "en": "<p>What is going on at De Deelfabriek.</p>",
        },
    },
}


CONTENT_PAGES = [
    {
        "slug": "missie",
        "title": {"nl": "Onze missie", "fr": "Notre mission", "en": "Our mission"},
        "intro": {
            "nl": "Spullen delen in plaats van bezitten: goed voor je portemonnee, voor de buurt en voor het klimaat.",
            "fr": "Partager plutôt que posséder : bon pour votre portefeuille, pour le quartier et pour le climat.",
            "en": "Sharing instead of owning: good for your wallet, for the neighbourhood and for the climate.",
        },
        "body": {
            "nl": [
                image(
                    "delen",
                    "Affiche met de woorden delen, ruilen, herstellen",
                    "Delen, ruilen en herstellen: daar draait alles om.",
                ),
                p(
                    "De Deelfabriek is een project van de stad Kortrijk en het OCMW. Vrijwilligers houden er samen meer dan vijftien initiatieven draaiende.",
                    "Er wordt niets verkocht. Je neemt een abonnement, betaalt een waarborg of ruilt met bonnen. Zo blijven spullen langer in gebruik en hoeft niet iedereen alles zelf te kopen.",
                ),
                h("Iedereen welkom"),
                p(
                    "De deur staat open voor iedereen, zodat niemand met de vinger gewezen wordt. Gezinnen die het moeilijk hebben, krijgen extra aandacht en een sociaal tarief."
                ),
                cta(
                    "Ontdek de initiatieven",
                    "Van gereedschap tot kinderfietsen: kijk wat er te lenen en te ruilen valt.",
                    "Naar de initiatieven",
                    "initiatieven",
                ),
            ],
            "fr": [
                image(
                    "delen",
                    "Affiche avec les mots partager, échanger, réparer",
                    "Partager, échanger et réparer : c'est tout l'esprit du lieu.",
                ),
                p(
                    "De Deelfabriek est un projet de la ville de Courtrai et du CPAS. Des bénévoles y font vivre ensemble plus de quinze initiatives.",
                    "Rien n'y est vendu. Vous prenez un abonnement, versez une caution ou échangez avec des bons. Les objets servent plus longtemps et chacun n'a pas besoin de tout acheter.",
                ),
                h("Tout le monde est bienvenu"),
                p(
                    "La porte est ouverte à tous, pour que personne ne soit montré du doigt. Les familles en difficulté bénéficient d'une attention particulière et d'un tarif social."
                ),
                cta(
                    "Découvrez les initiatives",
                    "Des outils aux vélos d'enfant : voyez ce que vous pouvez emprunter et échanger.",
                    "Vers les initiatives",
                    "initiatieven",
                ),
            ],
            "en": [
                image(
                    "delen",
                    "Poster with the words share, swap, repair",
                    "Sharing, swapping and repairing: that is what it is all about.",
                ),
                p(
                    "De Deelfabriek is a project of the City of Kortrijk and its public social welfare centre (OCMW). Volunteers keep more than fifteen initiatives going together.",
                    "Nothing is sold. You take a membership, pay a deposit or swap with vouchers. Things stay in use for longer and not everyone has to buy everything.",
                ),
                h("Everyone is welcome"),
                p(
                    "The door is open to all, so that nobody is singled out. Families going through a hard time get extra attention and a social tariff."
                ),
                cta(
                    "Discover the initiatives",
                    "From tools to children's bikes: see what you can borrow and swap.",
                    "To the initiatives",
                    "initiatieven",
                ),
            ],
        },
    },
    {
        "slug": "hoe-werkt-het",
        "title": {"nl": "Hoe werkt het", "fr": "Comment ça marche", "en": "How it works"},
        "intro": {
            "nl": "Lid worden, lenen en terugbrengen: in drie stappen aan de slag.",
            "fr": "Devenir membre, emprunter et rapporter : trois étapes pour commencer.",
            "en": "Join, borrow and bring back: get started in three steps.",
        },
        "body": {
            "nl": [
                image("lid-worden", "Affiche: lid worden in drie stappen"),
                h("1. Kies een initiatief"),
                p(
                    "Elk initiatief werkt op zijn eigen manier. Op de pagina van het initiatief zie je wat het aanbiedt, waar het zit en wanneer het open is."
                ),
                h("2. Word lid"),
                p(
                    "Je neemt een abonnement bij het initiatief zelf, aan het standaardtarief of aan het sociaal tarief. Breng je identiteitskaart mee, en je verwijsbrief of UiTPAS als je recht hebt op korting."
                ),
                h("3. Lenen, ruilen, herstellen"),
                p(
                    "Reserveer online of kom langs tijdens de openingsuren. Breng geleende spullen op tijd en proper terug, zodat de volgende ze ook kan gebruiken."
                ),
                cta(
                    "Klaar om te beginnen?",
                    "Zoek het initiatief dat bij jou past.",
                    "Bekijk de initiatieven",
                    "initiatieven",
                ),
            ],
            "fr": [
                image("lid-worden", "Affiche : devenir membre en trois étapes"),
                h("1. Choisissez une initiative"),
                p(
                    "Chaque initiative fonctionne à sa façon. Sur sa page, vous voyez ce qu'elle propose, où elle se trouve et quand elle est ouverte."
                ),
                h("2. Devenez membre"),
                p(
                    "Vous prenez un abonnement auprès de l'initiative elle-même, au tarif standard ou au tarif social. Apportez votre carte d'identité, et votre lettre d'orientation ou votre UiTPAS si vous avez droit à une réduction."
                ),
                h("3. Emprunter, échanger, réparer"),
                p(
                    "Réservez en ligne ou passez pendant les heures d'ouverture. Rapportez les objets empruntés à temps et propres, pour que la personne suivante puisse aussi en profiter."
                ),
                cta(
                    "Prêt à commencer ?",
                    "Trouvez l'initiative qui vous convient.",
                    "Voir les initiatives",
                    "initiatieven",
                ),
            ],
            "en": [
                image("lid-worden", "Poster: become a member in three steps"),
                h("1. Choose an initiative"),
                p(
                    "Every initiative works in its own way. Its page tells you what it offers, where it is and when it is open."
                ),
                h("2. Become a member"),
                p(
                    "You take a membership with the initiative itself, at the standard or the social tariff. Bring your identity card, and your referral letter or UiTPAS if you are entitled to a reduction."
                ),
                h("3. Borrow, swap, repair"),
                p(
                    "Reserve online or drop in during opening hours. Bring borrowed things back on time and clean, so the next person can use them too."
                ),
                cta(
                    "Ready to start?",
                    "Find the initiative that suits you.",
                    "See the initiatives",
                    "initiatieven",
                ),
            ],
        },
    },
    {
        "slug": "tarieven",
        "title": {
            "nl": "Tarieven en sociaal tarief",
            "fr": "Tarifs et tarif social",
            "en": "Tariffs and social tariff",
        },
        "intro": {
            "nl": "Elk initiatief heeft een standaardtarief en een sociaal tarief, meestal de helft. Met een UiTPAS met kansentarief betaal je nog minder.",
            "fr": "Chaque initiative a un tarif standard et un tarif social, généralement la moitié. Avec une UiTPAS au tarif réduit, vous payez encore moins.",
            "en": "Every initiative has a standard tariff and a social tariff, usually half. With an UiTPAS at the reduced rate you pay even less.",
        },
        "body": {
            "nl": [
                image("sociaal-tarief", "Affiche over het sociaal tarief en de UiTPAS"),
                h("Standaardtarief en sociaal tarief"),
                p(
                    "Een abonnement bij de Instrumentheek kost bijvoorbeeld €20 per jaar. Aan het sociaal tarief betaal je meestal de helft, en soms hoef je geen waarborg te betalen."
                ),
                h("Wie heeft recht op het sociaal tarief?"),
                p(
                    "Gezinnen die het financieel moeilijk hebben. Je toont een verwijsbrief van:",
                    ul(
                        "het OCMW (je maatschappelijk werker)",
                        "het CAW",
                        "een brugfiguur op school",
                        "een andere sociale organisatie",
                    ),
                ),
                h("UiTPAS met kansentarief"),
                p(
                    "In Kortrijk kost een UiTPAS met kansentarief €1 en geeft hij 80% korting. Je komt in aanmerking als je:",
                    ul(
                        "een actief dossier hebt bij het OCMW (leefloon of gelijkwaardig)",
                        "een verhoogde tegemoetkoming krijgt van je ziekenfonds",
                        "net buiten die criteria valt, na een sociaal onderzoek",
                        "een pleegkind bent",
                    ),
                ),
                faq(
                    "Veelgestelde vragen",
                    (
                        "Waar vraag ik een verwijsbrief?",
                        "Bij je maatschappelijk werker van het OCMW, bij het CAW of bij de brugfiguur van de school van je kinderen.",
                    ),
                    (
                        "Moeten de vrijwilligers weten waarom ik recht heb op korting?",
                        "Nee. Ze zien alleen dat je recht hebt op het sociaal tarief, niet waarom.",
                    ),
                    (
                        "Hoe lang geldt het sociaal tarief?",
                        "Zolang je verwijzing of je UiTPAS met kansentarief geldig is. Daarna vraag je een nieuwe.",
                    ),
                    (
                        "Ik woon niet in Kortrijk. Kan ik toch lid worden?",
                        "Ja, iedereen is welkom. Het kansentarief van de UiTPAS hangt wel af van je eigen gemeente.",
                    ),
                ),
                tariffs_overview("Tarieven per initiatief"),
            ],
            "fr": [
                image("sociaal-tarief", "Affiche sur le tarif social et l'UiTPAS"),
                h("Tarif standard et tarif social"),
                p(
                    "Un abonnement à l'Outilthèque coûte par exemple 20 € par an. Au tarif social, vous payez en général la moitié, et parfois aucune caution."
                ),
                h("Qui a droit au tarif social ?"),
                p(
                    "Les familles qui ont des difficultés financières. Vous montrez une lettre d'orientation (« verwijsbrief ») :",
                    ul(
                        "du CPAS (votre assistant social)",
                        "du CAW (centre d'aide sociale générale)",
                        "d'un « brugfiguur », la personne relais de l'école",
                        "d'une autre organisation sociale",
                    ),
                ),
                h("UiTPAS au tarif réduit"),
                p(
                    "À Courtrai, une UiTPAS au tarif réduit (« kansentarief ») coûte 1 € et donne 80 % de réduction. Vous y avez droit si vous :",
                    ul(
                        "avez un dossier actif au CPAS (revenu d'intégration ou équivalent)",
                        "bénéficiez de l'intervention majorée de votre mutualité",
                        "êtes juste au-delà de ces critères, après une enquête sociale",
                        "êtes un enfant placé en famille d'accueil",
                    ),
                ),
                faq(
                    "Questions fréquentes",
                    (
                        "Où demander une lettre d'orientation ?",
                        "Auprès de votre assistant social du CPAS, du CAW ou de la personne relais de l'école de vos enfants.",
                    ),
                    (
                        "Les bénévoles doivent-ils savoir pourquoi j'ai droit à une réduction ?",
                        "Non. Ils voient seulement que vous avez droit au tarif social, pas pourquoi.",
                    ),
                    (
                        "Combien de temps le tarif social est-il valable ?",
                        "Tant que votre orientation ou votre UiTPAS au tarif réduit est valable. Ensuite, vous en demandez une nouvelle.",
                    ),
                    (
                        "Je n'habite pas à Courtrai. Puis-je quand même devenir membre ?",
                        "Oui, tout le monde est bienvenu. Le tarif réduit de l'UiTPAS dépend toutefois de votre propre commune.",
                    ),
                ),
                tariffs_overview("Tarifs par initiative"),
            ],
            "en": [
                image("sociaal-tarief", "Poster about the social tariff and the UiTPAS"),
                h("Standard tariff and social tariff"),
                p(
                    "A membership of the tool library costs, for example, €20 a year. At the social tariff you usually pay half, and sometimes no deposit at all."
                ),
                h("Who can get the social tariff?"),
                p(
                    "Families who are short of money. You show a referral letter ('verwijsbrief') from:",
                    ul(
                        "the OCMW, the public social welfare centre (your social worker)",
                        "the CAW, the centre for general welfare work",
                        "a 'brugfiguur', the school's family liaison",
                        "another social organisation",
                    ),
                ),
                h("UiTPAS with the opportunity tariff"),
                p(
                    "In Kortrijk an UiTPAS with the opportunity tariff ('kansentarief') costs €1 and gives 80% off. You qualify if you:",
                    ul(
                        "have an active file at the OCMW (living wage or equivalent)",
                        "receive increased reimbursement from your health insurer",
                        "fall just outside those criteria, after a social inquiry",
                        "are a foster child",
                    ),
                ),
                faq(
                    "Frequently asked questions",
                    (
                        "Where do I get a referral letter?",
                        "From your social worker at the OCMW, from the CAW or from the family liaison at your children's school.",
                    ),
                    (
                        "Do the volunteers need to know why I get a reduction?",
                        "No. They only see that you are entitled to the social tariff, not why.",
                    ),
                    (
                        "How long does the social tariff last?",
                        "As long as your referral or your UiTPAS with the opportunity tariff is valid. Then you ask for a new one.",
                    ),
                    (
                        "I don't live in Kortrijk. Can I still join?",
                        "Yes, everyone is welcome. The UiTPAS opportunity tariff does depend on your own municipality.",
                    ),
                ),
                tariffs_overview("Tariffs per initiative"),
            ],
        },
    },
    {
        "slug": "voor-wie",
        "title": {"nl": "Voor wie", "fr": "Pour qui", "en": "Who it is for"},
        "intro": {
            "nl": "Voor iedereen in Kortrijk en omstreken: jong en oud, met een klein of een groot budget.",
            "fr": "Pour tous les habitants de Courtrai et des environs : petits et grands, petit ou grand budget.",
            "en": "For everyone in and around Kortrijk: young and old, on a small or a large budget.",
        },
        "body": {
            "nl": [
                image("voor-iedereen", "Affiche met de woorden voor iedereen"),
                p(
                    "Jonge ouders die een kinderwagen nodig hebben, klussers die één keer een schuurmachine zoeken, sporters, studenten en nieuwkomers: iedereen kan lid worden.",
                    "Een buurtwerker helpt gezinnen om hun rechten op te nemen, van een UiTPAS met kansentarief tot een tegemoetkoming voor de schoolfactuur.",
                ),
                cta(
                    "Weinig budget?",
                    "Lees hoe het sociaal tarief en de UiTPAS werken.",
                    "Naar de tarieven",
                    "tarieven",
                ),
            ],
            "fr": [
                image("voor-iedereen", "Affiche avec les mots pour tout le monde"),
                p(
                    "Jeunes parents à la recherche d'une poussette, bricoleurs qui ont besoin d'une ponceuse une seule fois, sportifs, étudiants et nouveaux arrivants : tout le monde peut devenir membre.",
                    "Un travailleur de quartier aide les familles à faire valoir leurs droits, de l'UiTPAS au tarif réduit à une aide pour la facture scolaire.",
                ),
                cta(
                    "Petit budget ?",
                    "Découvrez comment fonctionnent le tarif social et l'UiTPAS.",
                    "Vers les tarifs",
                    "tarieven",
                ),
            ],
            "en": [
                image("voor-iedereen", "Poster with the words for everyone"),
                p(
                    "Young parents who need a pram, DIY fans who need a sander just once, athletes, students and newcomers: anyone can become a member.",
                    "A community worker helps families claim their rights, from an UiTPAS with the opportunity tariff to help with the school bill.",
                ),
                cta(
                    "On a tight budget?",
                    "Read how the social tariff and the UiTPAS work.",
                    "To the tariffs",
                    "tarieven",
                ),
            ],
        },
    },
    {
        "slug": "geschiedenis",
        "title": {"nl": "Geschiedenis", "fr": "Histoire", "en": "History"},
        "intro": {
            "nl": "Van een kleine start in 2017 tot een oude brandweerkazerne vol delen.",
            "fr": "D'un petit début en 2017 à une ancienne caserne de pompiers pleine de partage.",
            "en": "From a small start in 2017 to an old fire station full of sharing.",
        },
        "body": {
            "nl": [
                image(
                    "gebouw",
                    "Tekening van de brandweerkazerne met haar toren en drie poorten",
                    "De brandweerkazerne uit 1940, vandaag De Deelfabriek.",
                ),
                h("1940: een brandweerkazerne"),
                p(
                    "In de Rijkswachtstraat bouwde Kortrijk in 1940 een brandweerkazerne met een hoge toren om de slangen te drogen. Het gebouw is vandaag een beschermd monument."
                ),
                h("2017: de start in de Damastweversstraat"),
                p(
                    "De Deelfabriek begon in 2017 in De Venning, in de Damastweversstraat. In 2019 waren er al twaalf initiatieven, 35 vrijwilligers en zo'n 1.500 actieve leden."
                ),
                h("13 oktober 2023: het nieuwe gebouw"),
                p(
                    "Op 13 oktober 2023 opende de vernieuwde kazerne: zo'n 3.500 m², met een markthal op de hoek, werkplaatsen rond een binnenplaats, een centraal depot en een klimmuur in de toren. Warmtepompen en zonnepanelen vervangen het gas."
                ),
                cta(
                    "Waarom we dit doen",
                    "Lees meer over onze missie.",
                    "Onze missie",
                    "missie",
                ),
            ],
            "fr": [
                image(
                    "gebouw",
                    "Dessin de la caserne des pompiers avec sa tour et ses trois portes",
                    "La caserne de 1940, aujourd'hui De Deelfabriek.",
                ),
                h("1940 : une caserne de pompiers"),
                p(
                    "Dans la Rijkswachtstraat, Courtrai construit en 1940 une caserne avec une haute tour pour faire sécher les tuyaux. Le bâtiment est aujourd'hui un monument classé."
                ),
                h("2017 : les débuts dans la Damastweversstraat"),
                p(
                    "De Deelfabriek a démarré en 2017 à De Venning, dans la Damastweversstraat. En 2019, on comptait déjà douze initiatives, 35 bénévoles et environ 1 500 membres actifs."
                ),
                h("13 octobre 2023 : le nouveau bâtiment"),
                p(
                    "Le 13 octobre 2023, la caserne rénovée a ouvert ses portes : environ 3 500 m², avec une halle de marché au coin, des ateliers autour d'une cour, un dépôt central et un mur d'escalade dans la tour. Des pompes à chaleur et des panneaux solaires remplacent le gaz."
                ),
                cta(
                    "Pourquoi nous le faisons",
                    "Découvrez notre mission.",
                    "Notre mission",
                    "missie",
                ),
            ],
            "en": [
                image(
                    "gebouw",
                    "Drawing of the fire station with its tower and three doors",
                    "The 1940 fire station, today De Deelfabriek.",
                ),
                h("1940: a fire station"),
                p(
                    "In 1940 Kortrijk built a fire station in Rijkswachtstraat, with a tall tower to dry the hoses. The building is now a listed monument."
                ),
                h("2017: a start in Damastweversstraat"),
                p(
                    "De Deelfabriek started in 2017 at De Venning, in Damastweversstraat. By 2019 there were already twelve initiatives, 35 volunteers and some 1,500 active members."
                ),
                h("13 October 2023: the new building"),
                p(
                    "On 13 October 2023 the renovated fire station opened: about 3,500 m², with a market hall on the corner, workshops around a courtyard, a central depot and a climbing wall in the tower. Heat pumps and solar panels replace gas."
                ),
                cta(
                    "Why we do this",
                    "Read more about our mission.",
                    "Our mission",
                    "missie",
                ),
            ],
        },
    },
    {
        "slug": "bezoek-en-contact",
        "title": {"nl": "Bezoek en contact", "fr": "Visite et contact", "en": "Visit and contact"},
        "intro": {
            "nl": "Je vindt ons in de oude brandweerkazerne, op wandelafstand van het station.",
            "fr": "Vous nous trouvez dans l'ancienne caserne des pompiers, à quelques pas de la gare.",
            "en": "You find us in the old fire station, within walking distance of the station.",
        },
        "body": {
            "nl": [
                contact("Adres", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["nl"]),
                h("Zo kom je er"),
                p(
                    ul(
                        "Te voet: zo'n tien minuten vanaf het station van Kortrijk.",
                        "Met de fiets: overdekte fietsenstalling op de binnenplaats.",
                        "Met de bus: stap af aan het station en wandel verder.",
                    )
                ),
                h("Toegankelijk"),
                p(
                    "De markthal en de werkplaatsen rond de binnenplaats zijn gelijkvloers en rolstoeltoegankelijk. Elk initiatief heeft zijn eigen openingsuren: kijk op de pagina van het initiatief."
                ),
                image(
                    "gebouw",
                    "Tekening van de voorgevel van De Deelfabriek",
                    "De ingang is aan de markthal, op de hoek.",
                ),
                cta(
                    "Wanneer is wie open?",
                    "Bekijk de openingsuren van elk initiatief.",
                    "Naar de initiatieven",
                    "initiatieven",
                ),
            ],
            "fr": [
                contact("Adresse", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["fr"]),
                h("Comment venir"),
                p(
                    ul(
                        "À pied : une dizaine de minutes depuis la gare de Courtrai.",
                        "À vélo : parking couvert dans la cour.",
                        "En bus : descendez à la gare et continuez à pied.",
                    )
                ),
                h("Accessibilité"),
                p(
                    "La halle de marché et les ateliers autour de la cour sont de plain-pied et accessibles en fauteuil roulant. Chaque initiative a ses propres horaires : consultez sa page."
                ),
                image(
                    "gebouw",
                    "Dessin de la façade de De Deelfabriek",
                    "L'entrée se trouve côté halle de marché, au coin.",
                ),
                cta(
                    "Qui est ouvert quand ?",
                    "Consultez les horaires de chaque initiative.",
                    "Vers les initiatives",
                    "initiatieven",
                ),
            ],
            "en": [
                contact("Address", "De Deelfabriek", SITE["email"], SITE["phone"], ADDRESS["en"]),
                h("Getting here"),
                p(
                    ul(
                        "On foot: about ten minutes from Kortrijk station.",
                        "By bike: covered bike parking in the courtyard.",
                        "By bus: get off at the station and walk on.",
                    )
                ),
                h("Accessibility"),
                p(
                    "The market hall and the workshops around the courtyard are on the ground floor and wheelchair accessible. Each initiative has its own opening hours: see its page."
                ),
                image(
                    "gebouw",
                    "Drawing of the front of De Deelfabriek",
                    "The entrance is at the market hall, on the corner.",
                ),
                cta(
                    "Who is open when?",
                    "See the opening hours of every initiative.",
                    "To the initiatives",
                    "initiatieven",
                ),
            ],
        },
    },
]

NEWS = [
    {
        "slug": "europese-prijs-2023",
        "date": "2023-11-16",
        "image": "award",
        "title": {
            "nl": "De Deelfabriek wint de European Social Services Award",
            "fr": "De Deelfabriek remporte l'European Social Services Award",
            "en": "De Deelfabriek wins the European Social Services Award",
        },
        "intro": {
            "nl": "In Zagreb won De Deelfabriek op 16 november 2023 de European Social Services Award in de categorie 'collaborative practice'.",
            "fr": "À Zagreb, le 16 novembre 2023, De Deelfabriek a remporté l'European Social Services Award dans la catégorie « collaborative practice ».",
            "en": "In Zagreb, on 16 November 2023, De Deelfabriek won the European Social Services Award in the collaborative practice category.",
        },
        "body": {
            "nl": [
                image(
                    "award",
                    "Affiche met de naam van de European Social Services Award 2023",
                ),
                p(
                    "Het European Social Network reikt elk jaar prijzen uit aan sociale diensten die het verschil maken. De jury koos De Deelfabriek omdat stad, OCMW, sociale organisaties en vrijwilligers er echt samenwerken.",
                    "De prijs is voor iedereen die hier deelt, ruilt en herstelt: de vrijwilligers voorop.",
                ),
                cta(
                    "Wat we willen bereiken",
                    "Lees waarom De Deelfabriek bestaat.",
                    "Onze missie",
                    "missie",
                ),
            ],
            "fr": [
                image(
                    "award",
                    "Affiche portant le nom de l'European Social Services Award 2023",
                ),
                p(
                    "Chaque année, l'European Social Network récompense des services sociaux qui font la différence. Le jury a choisi De Deelfabriek parce que la ville, le CPAS, les organisations sociales et les bénévoles y travaillent vraiment ensemble.",
                    "Ce prix revient à toutes celles et ceux qui partagent, échangent et réparent ici, à commencer par les bénévoles.",
                ),
                cta(
                    "Ce que nous voulons",
                    "Découvrez pourquoi De Deelfabriek existe.",
                    "Notre mission",
                    "missie",
                ),
            ],
            "en": [
                image(
                    "award",
                    "Poster with the name of the European Social Services Award 2023",
                ),
                p(
                    "Every year the European Social Network gives awards to social services that make a difference. The jury chose De Deelfabriek because the city, the OCMW, social organisations and volunteers really work together there.",
                    "The award belongs to everyone who shares, swaps and repairs here, the volunteers first of all.",
                ),
                cta(
                    "What we want to achieve",
                    "Read why De Deelfabriek exists.",
                    "Our mission",
                    "missie",
                ),
            ],
        },
    },
    {
        "slug": "nieuw-gebouw-open",
        "date": "2023-10-13",
        "image": "opening",
        "title": {
            "nl": "De Deelfabriek opent in de oude brandweerkazerne",
            "fr": "De Deelfabriek ouvre dans l'ancienne caserne des pompiers",
            "en": "De Deelfabriek opens in the old fire station",
        },
        "intro": {
            "nl": "Vanaf 13 oktober 2023 is de beschermde brandweerkazerne in de Rijkswachtstraat de nieuwe thuis van De Deelfabriek.",
            "fr": "Depuis le 13 octobre 2023, la caserne classée de la Rijkswachtstraat est la nouvelle maison de De Deelfabriek.",
            "en": "From 13 October 2023 the listed fire station in Rijkswachtstraat is the new home of De Deelfabriek.",
        },
        "body": {
            "nl": [
                image(
                    "opening",
                    "Tekening van de brandweerkazerne met de tekst open sinds 13 oktober 2023",
                ),
                p(
                    "Na jaren voorbereiding verhuisden de initiatieven van de Damastweversstraat naar de Rijkswachtstraat. Er is plaats voor zeventien initiatieven en een honderdtal vrijwilligers; de stad hoopt op 25.000 bezoekers per jaar.",
                    "Kom gerust eens kijken: de markthal is open tijdens de openingsuren van het gebouw.",
                ),
                cta(
                    "Het verhaal van het gebouw",
                    "Van brandweerkazerne tot deelfabriek.",
                    "Lees de geschiedenis",
                    "geschiedenis",
                ),
            ],
            "fr": [
                image(
                    "opening",
                    "Dessin de la caserne avec le texte ouvert depuis le 13 octobre 2023",
                ),
                p(
                    "Après des années de préparation, les initiatives ont quitté la Damastweversstraat pour la Rijkswachtstraat. Il y a de la place pour dix-sept initiatives et une centaine de bénévoles ; la ville espère 25 000 visiteurs par an.",
                    "Passez nous voir : la halle de marché est ouverte pendant les heures d'ouverture du bâtiment.",
                ),
                cta(
                    "L'histoire du bâtiment",
                    "De la caserne de pompiers à la fabrique du partage.",
                    "Lire l'histoire",
                    "geschiedenis",
                ),
            ],
            "en": [
                image(
                    "opening",
                    "Drawing of the fire station with the text open since 13 October 2023",
                ),
                p(
                    "After years of preparation the initiatives moved from Damastweversstraat to Rijkswachtstraat. There is room for seventeen initiatives and around a hundred volunteers; the city hopes for 25,000 visitors a year.",
                    "Do come and have a look: the market hall is open during the building's opening hours.",
                ),
                cta(
                    "The story of the building",
                    "From fire station to sharing factory.",
                    "Read the history",
                    "geschiedenis",
                ),
            ],
        },
    },
]

# The privacy notice and the accessibility statement: content pages outside the main menu,
# linked from the footer and the sign-up form through the site settings (demo/site.py).
PRIVACY_EMAIL = "privacy@deelfabriek.example"
OMBUDS = '<a href="https://www.vlaamseombudsdienst.be">Vlaamse Ombudsdienst</a>'
VTC = '<a href="https://www.toezichtcommissie.be">Vlaamse Toezichtcommissie</a>'
REVIEWED = {"nl": "4 december 2026", "fr": "4 décembre 2026", "en": "4 December 2026"}

TRUST_PAGES = [
    {
        "slug": "privacy",
        "in_menu": False,
        "title": {
            "nl": "Privacyverklaring",
            "fr": "Déclaration de confidentialité",
            "en": "Privacy notice",
        },
        "intro": {
            "nl": "Welke gegevens De Deelfabriek over je bijhoudt, waarom, hoe lang, en wat je zelf kunt doen. Kort en in gewone taal.",
            "fr": "Quelles données De Deelfabriek conserve à votre sujet, pourquoi, combien de temps, et ce que vous pouvez faire vous-même. En bref et en langage clair.",
            "en": "What De Deelfabriek keeps about you, why, for how long, and what you can do yourself. Short and in plain words.",
        },
        "body": {
            "nl": [
                h("Wie is verantwoordelijk?"),
                p(
                    "De Deelfabriek is een dienst van de stad Kortrijk. De stad Kortrijk is verantwoordelijk voor je gegevens; het team van De Deelfabriek beheert ze in haar naam.",
                    f"Met vragen over je gegevens kun je terecht bij De Deelfabriek en bij de functionaris voor gegevensbescherming van de stad: {PRIVACY_EMAIL}.",
                ),
                h("Welke gegevens we bijhouden"),
                p(
                    ul(
                        "Je account: je naam, je e-mailadres, je taal en je postcode, en je wachtwoord, alleen versleuteld.",
                        "Je lidmaatschappen: bij welk initiatief, welk abonnement, van wanneer tot wanneer en aan welk tarief.",
                        "Je reservaties: wat je leent, wanneer je het ophaalt en terugbrengt, en welke e-mails we je daarover stuurden (wanneer en welke soort, niet de tekst).",
                        "Het sociaal tarief: alleen dat je er recht op hebt, tot wanneer, en met welk soort bewijs het gecontroleerd is (verwijsbrief of UiTPAS). Alleen de coördinatoren van de stad zien dat; vrijwilligers niet, en het staat in geen enkele e-mail.",
                        "Aanmeldpogingen: wanneer en van welk internetadres, om je account te beschermen tegen wie wachtwoorden probeert te raden.",
                    ),
                    "We maken geen kopie van je identiteitskaart, je verwijsbrief of je UiTPAS en bewaren geen bewijsstukken. We gebruiken alleen de cookies die nodig zijn om aan te melden en formulieren veilig te versturen, geen cookies die je volgen.",
                ),
                h("Waarom"),
                p(
                    ul(
                        "om je lidmaatschappen en reservaties te beheren en je daarover te mailen, ook met herinneringen;",
                        "om het juiste tarief toe te passen;",
                        "om zonder namen te tellen hoeveel er geleend wordt, zodat de stad het project kan opvolgen.",
                    ),
                    "De stad doet dat als taak van algemeen belang (artikel 6.1.e van de AVG). We verkopen of delen je gegevens met niemand.",
                ),
                h("Hoe lang"),
                p(
                    "Zolang je account bestaat. Een bevestigingslink in een e-mail is drie dagen geldig. Het sociaal tarief geldt tot de einddatum die de coördinator invult; daarna toon je een nieuw bewijs.",
                    "Verwijder je je account, dan wissen we meteen je naam, je e-mailadres, je profiel, je lidmaatschappen en je aanmeldgeschiedenis. Je reservaties blijven bestaan zonder naam, zodat de tellingen kloppen; notities die je naam kunnen noemen, worden gewist.",
                ),
                h("Je rechten"),
                p(
                    "Je mag je gegevens inkijken, laten verbeteren of wissen, bezwaar maken, de verwerking laten beperken en je gegevens meenemen. Je gegevens downloaden en je account verwijderen doe je zelf in Mijn account; voor de rest mail je ons.",
                    f"Ben je niet tevreden over ons antwoord, dan kun je klacht indienen bij de {VTC}, die toeziet op de Vlaamse overheden en de steden en gemeenten.",
                ),
                account_data(
                    "Je gegevens in Mijn account",
                    "Meld je aan om al je gegevens te downloaden (een JSON-bestand) of om je account te verwijderen.",
                ),
                contact(
                    "Vragen over je gegevens",
                    "De Deelfabriek, stad Kortrijk",
                    PRIVACY_EMAIL,
                    SITE["phone"],
                    ADDRESS["nl"],
                ),
            ],
            "fr": [
                h("Qui est responsable ?"),
                p(
                    "De Deelfabriek est un service de la ville de Courtrai. La ville de Courtrai est responsable de vos données ; l'équipe de De Deelfabriek les gère en son nom.",
                    f"Pour toute question sur vos données, adressez-vous à De Deelfabriek et au délégué à la protection des données de la ville : {PRIVACY_EMAIL}.",
                ),
                h("Les données que nous conservons"),
                p(
                    ul(
                        "Votre compte : votre nom, votre adresse e-mail, votre langue et votre code postal, et votre mot de passe, uniquement chiffré.",
                        "Vos abonnements : auprès de quelle initiative, quelle formule, de quand à quand et à quel tarif.",
                        "Vos réservations : ce que vous empruntez, quand vous le retirez et le rapportez, et les e-mails que nous vous avons envoyés à ce sujet (quand et de quel type, pas le texte).",
                        "Le tarif social : uniquement le fait que vous y avez droit, jusqu'à quand, et avec quel type de preuve il a été vérifié (lettre d'orientation ou UiTPAS). Seuls les coordinateurs de la ville le voient ; les bénévoles non, et cela ne figure dans aucun e-mail.",
                        "Les tentatives de connexion : quand et depuis quelle adresse internet, pour protéger votre compte contre qui essaie de deviner les mots de passe.",
                    ),
                    "Nous ne faisons pas de copie de votre carte d'identité, de votre lettre d'orientation ou de votre UiTPAS et ne conservons aucune pièce justificative. Nous n'utilisons que les cookies nécessaires pour vous connecter et envoyer les formulaires en sécurité, aucun cookie qui vous suit.",
                ),
                h("Pourquoi"),
                p(
                    ul(
                        "pour gérer vos abonnements et vos réservations et vous écrire à leur sujet, rappels compris ;",
                        "pour appliquer le bon tarif ;",
                        "pour compter, sans noms, combien d'objets sont empruntés, afin que la ville puisse suivre le projet.",
                    ),
                    "La ville le fait dans le cadre d'une mission d'intérêt public (article 6.1.e du RGPD). Nous ne vendons ni ne partageons vos données avec personne.",
                ),
                h("Combien de temps"),
                p(
                    "Aussi longtemps que votre compte existe. Un lien de confirmation envoyé par e-mail est valable trois jours. Le tarif social vaut jusqu'à la date de fin inscrite par le coordinateur ; ensuite, vous montrez une nouvelle preuve.",
                    "Si vous supprimez votre compte, nous effaçons immédiatement votre nom, votre adresse e-mail, votre profil, vos abonnements et votre historique de connexion. Vos réservations restent, sans nom, pour que les comptages restent justes ; les notes qui pourraient vous nommer sont effacées.",
                ),
                h("Vos droits"),
                p(
                    "Vous pouvez consulter vos données, les faire corriger ou effacer, vous opposer à leur traitement, le faire limiter et emporter vos données. Télécharger vos données et supprimer votre compte, vous le faites vous-même dans Mon compte ; pour le reste, écrivez-nous.",
                    f"Si notre réponse ne vous satisfait pas, vous pouvez porter plainte auprès de la {VTC} (commission de contrôle flamande), qui veille sur les autorités flamandes, les villes et les communes.",
                ),
                account_data(
                    "Vos données dans Mon compte",
                    "Connectez-vous pour télécharger toutes vos données (un fichier JSON) ou pour supprimer votre compte.",
                ),
                contact(
                    "Questions sur vos données",
                    "De Deelfabriek, ville de Courtrai",
                    PRIVACY_EMAIL,
                    SITE["phone"],
                    ADDRESS["fr"],
                ),
            ],
            "en": [
                h("Who is responsible?"),
                p(
                    "De Deelfabriek is a service of the City of Kortrijk. The City of Kortrijk is responsible for your data; the De Deelfabriek team manages it on the city's behalf.",
                    f"For questions about your data, contact De Deelfabriek and the city's data protection officer: {PRIVACY_EMAIL}.",
                ),
                h("What we keep"),
                p(
                    ul(
                        "Your account: your name, e-mail address, language and postal code, and your password, only in encrypted form.",
                        "Your memberships: with which initiative, which plan, from when to when and at which tariff.",
                        "Your reservations: what you borrow, when you pick it up and bring it back, and which e-mails we sent you about it (when and what kind, not the text).",
                        "The social tariff: only that you are entitled to it, until when, and with what kind of proof it was checked (referral letter or UiTPAS). Only the city's coordinators see this; volunteers do not, and it is in no e-mail.",
                        "Log-in attempts: when and from which internet address, to protect your account against people guessing passwords.",
                    ),
                    "We make no copy of your identity card, referral letter or UiTPAS and keep no supporting documents. We use only the cookies needed to log in and send forms safely, no cookies that follow you.",
                ),
                h("Why"),
                p(
                    ul(
                        "to manage your memberships and reservations and e-mail you about them, reminders included;",
                        "to apply the right tariff;",
                        "to count, without names, how much is borrowed, so the city can follow up the project.",
                    ),
                    "The city does this as a task in the public interest (article 6(1)(e) of the GDPR). We do not sell or share your data with anyone.",
                ),
                h("For how long"),
                p(
                    "For as long as your account exists. A confirmation link in an e-mail is valid for three days. The social tariff applies until the end date the coordinator enters; after that you show new proof.",
                    "If you delete your account, we at once erase your name, e-mail address, profile, memberships and log-in history. Your reservations stay, without a name, so the counts still add up; notes that might name you are erased.",
                ),
                h("Your rights"),
                p(
                    "You may see your data, have it corrected or erased, object, have its use restricted and take your data with you. You download your data and delete your account yourself in My account; for anything else, e-mail us.",
                    f"If you are not satisfied with our answer, you can complain to the {VTC} (the Flemish supervisory commission), which oversees the Flemish authorities, cities and municipalities.",
                ),
                account_data(
                    "Your data in My account",
                    "Log in to download all your data (a JSON file) or to delete your account.",
                ),
                contact(
                    "Questions about your data",
                    "De Deelfabriek, City of Kortrijk",
                    PRIVACY_EMAIL,
                    SITE["phone"],
                    ADDRESS["en"],
                ),
            ],
        },
    },
    {
        "slug": "toegankelijkheid",
        "in_menu": False,
        "title": {
            "nl": "Verklaring over toegankelijkheid",
            "fr": "Déclaration d'accessibilité",
            "en": "Accessibility statement",
        },
        "intro": {
            "nl": "De stad Kortrijk wil dat iedereen deze website kan gebruiken, ook met een schermlezer, alleen met het toetsenbord of op een kleine telefoon. In deze toegankelijkheidsverklaring lees je hoe ver we staan.",
            "fr": "La ville de Courtrai veut que chacun puisse utiliser ce site, y compris avec un lecteur d'écran, au clavier seulement ou sur un petit téléphone. Cette déclaration d'accessibilité dit où nous en sommes.",
            "en": "The City of Kortrijk wants everyone to be able to use this website, including with a screen reader, with the keyboard alone or on a small phone. This accessibility statement tells you how far we are.",
        },
        "body": {
            "nl": [
                p(
                    "Deze verklaring geldt voor de website van De Deelfabriek. Ze volgt de Europese richtlijn (EU) 2016/2102 en het Vlaamse Bestuursdecreet van 7 december 2018."
                ),
                h("Nalevingsstatus"),
                p(
                    "Deze website is gedeeltelijk conform met de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA. De inhoud hieronder is nog niet helemaal toegankelijk."
                ),
                h("Niet-toegankelijke inhoud"),
                p(
                    ul(
                        "Sommige foto's in de catalogus, die vrijwilligers toevoegen, hebben nog geen goede beschrijving (WCAG 1.1.1). We vullen ze aan bij elke controle.",
                        "Enkele oudere pdf-folders en reglementen van initiatieven zijn niet getagd, zodat een schermlezer ze moeilijk voorleest (WCAG 1.3.1). Vraag ze gerust in een andere vorm.",
                        "De berichten en video's op onze Facebook- en Instagrampagina vallen buiten deze verklaring: die platformen beheren we niet.",
                    )
                ),
                h("Opstelling van deze verklaring"),
                p(
                    f"Deze verklaring is opgesteld op {REVIEWED['nl']}, na een zelfbeoordeling door het webteam van de stad: automatische tests met axe, en controle met het toetsenbord, met de schermlezers NVDA en VoiceOver, met 200% zoom en op een scherm van 320 pixels breed."
                ),
                h("Feedback en contact"),
                p(
                    "Loop je ergens vast, of heb je informatie nodig in een andere vorm? Laat het ons weten. We antwoorden binnen vijf werkdagen en zoeken samen met jou een oplossing."
                ),
                contact(
                    "Contact over toegankelijkheid",
                    "De Deelfabriek, stad Kortrijk",
                    SITE["email"],
                    SITE["phone"],
                    ADDRESS["nl"],
                ),
                h("Handhavingsprocedure"),
                p(
                    f"Ben je niet tevreden over ons antwoord, dien dan eerst een klacht in bij de klachtendienst van de stad Kortrijk. Krijg je ook daar geen oplossing, dan kun je terecht bij de {OMBUDS}, Leuvenseweg 86, 1000 Brussel."
                ),
            ],
            "fr": [
                p(
                    "Cette déclaration s'applique au site de De Deelfabriek. Elle suit la directive européenne (UE) 2016/2102 et le décret flamand de gouvernance (Bestuursdecreet) du 7 décembre 2018."
                ),
                h("État de conformité"),
                p(
                    "Ce site est partiellement conforme aux règles pour l'accessibilité des contenus web (WCAG) 2.1, niveau AA. Les contenus ci-dessous ne sont pas encore tout à fait accessibles."
                ),
                h("Contenus non accessibles"),
                p(
                    ul(
                        "Certaines photos du catalogue, ajoutées par les bénévoles, n'ont pas encore de bonne description (WCAG 1.1.1). Nous les complétons à chaque contrôle.",
                        "Quelques anciens dépliants et règlements d'initiatives en PDF ne sont pas balisés, si bien qu'un lecteur d'écran les lit mal (WCAG 1.3.1). N'hésitez pas à les demander sous une autre forme.",
                        "Les messages et vidéos de nos pages Facebook et Instagram ne sont pas couverts par cette déclaration : nous ne gérons pas ces plateformes.",
                    )
                ),
                h("Établissement de cette déclaration"),
                p(
                    f"Cette déclaration a été établie le {REVIEWED['fr']}, après une auto-évaluation par l'équipe web de la ville : tests automatiques avec axe, et contrôle au clavier, avec les lecteurs d'écran NVDA et VoiceOver, avec un zoom de 200 % et sur un écran de 320 pixels de large."
                ),
                h("Retour d'information et contact"),
                p(
                    "Vous êtes bloqué quelque part, ou vous avez besoin d'une information sous une autre forme ? Dites-le-nous. Nous répondons dans les cinq jours ouvrables et cherchons une solution avec vous."
                ),
                contact(
                    "Contact pour l'accessibilité",
                    "De Deelfabriek, ville de Courtrai",
                    SITE["email"],
                    SITE["phone"],
                    ADDRESS["fr"],
                ),
                h("Procédure de recours"),
                p(
                    f"Si notre réponse ne vous satisfait pas, introduisez d'abord une plainte auprès du service des plaintes de la ville de Courtrai. Si vous n'obtenez pas de solution, vous pouvez vous adresser au {OMBUDS} (médiateur flamand), Leuvenseweg 86, 1000 Bruxelles."
                ),
            ],
            "en": [
                p(
                    "This statement applies to the De Deelfabriek website. It follows European Directive (EU) 2016/2102 and the Flemish Governance Decree (Bestuursdecreet) of 7 December 2018."
                ),
                h("Compliance status"),
                p(
                    "This website is partially compliant with the Web Content Accessibility Guidelines (WCAG) 2.1, level AA. The content below is not yet fully accessible."
                ),
                h("Non-accessible content"),
                p(
                    ul(
                        "Some photos in the catalogue, added by volunteers, do not yet have a good description (WCAG 1.1.1). We add them at every check.",
                        "A few older PDF leaflets and rules of initiatives are not tagged, so a screen reader reads them poorly (WCAG 1.3.1). Feel free to ask for them in another form.",
                        "The posts and videos on our Facebook and Instagram pages are outside this statement: we do not control those platforms.",
                    )
                ),
                h("Preparation of this statement"),
                p(
                    f"This statement was prepared on {REVIEWED['en']}, after a self-assessment by the city's web team: automated tests with axe, and checks with the keyboard, with the NVDA and VoiceOver screen readers, at 200% zoom and on a screen 320 pixels wide."
                ),
                h("Feedback and contact"),
                p(
                    "Are you stuck somewhere, or do you need information in another form? Let us know. We answer within five working days and look for a solution with you."
                ),
                contact(
                    "Contact about accessibility",
                    "De Deelfabriek, City of Kortrijk",
                    SITE["email"],
                    SITE["phone"],
                    ADDRESS["en"],
                ),
                h("Enforcement procedure"),
                p(
                    f"If you are not satisfied with our answer, first file a complaint with the complaints service of the City of Kortrijk. If that does not solve it, you can turn to the {OMBUDS} (the Flemish Ombudsman), Leuvenseweg 86, 1000 Brussels."
                ),
            ],
        },
    },
]
