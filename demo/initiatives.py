# ruff: noqa: E501 - prose in three languages reads better unbroken
"""The demo initiatives: texts in Dutch, French and English, hours, plans and lending rules.

Facts about De Deelfabriek and its initiatives, told in our own words; places in the building,
contact details and opening hours are invented and obviously demo.

- "hours": weekly slots "weekday HH:MM-HH:MM" (0 = Monday); a seasonal slot adds the
  season "MM-DD..MM-DD", an ending slot "..+N" (valid until N days from the load date).
- "exceptions" and event dates are relative to the day the demo is loaded, so that they
  are always upcoming: "weekday W +N" (weekday W, N weeks from now), "yearly MM-DD"
  (the next such date), "days +N". See demo/dates.py.
- "{stop}" in a text is the date on which an ending slot stops, written in the language.
"""

from .blocks import cta, faq, p

INITIATIVES = [
    {
        "slug": "instrumentheek",
        "title": {"nl": "Instrumentheek", "fr": "Outilthèque", "en": "Tool library"},
        "colour": "#b5522f",
        "intro": {
            "nl": "Leen gereedschap voor kleine en grote klussen in plaats van het zelf te kopen.",
            "fr": "Empruntez des outils pour les petits et grands travaux au lieu de les acheter.",
            "en": "Borrow tools for small and large jobs instead of buying them.",
        },
        "offers": {
            "nl": "<ul><li>Boormachines, schuurmachines en zagen</li><li>Ladders en hogedrukreinigers</li><li>Tuingereedschap zoals heggenscharen</li></ul><p>Je leent een week. Enkel voor eigen gebruik, vanaf 18 jaar.</p>",
            "fr": "<ul><li>Perceuses, ponceuses et scies</li><li>Échelles et nettoyeurs haute pression</li><li>Outils de jardin comme des taille-haies</li></ul><p>Le prêt dure une semaine. Pour usage personnel, à partir de 18 ans.</p>",
            "en": "<ul><li>Drills, sanders and saws</li><li>Ladders and pressure washers</li><li>Garden tools such as hedge trimmers</li></ul><p>A loan lasts one week. For personal use, from age 18.</p>",
        },
        "place": {
            "nl": "Unit 3, aan de binnenplaats",
            "fr": "Unité 3, côté cour",
            "en": "Unit 3, on the courtyard",
        },
        "hours": ["2 14:00-18:00", "3 18:30-20:30", "5 09:30-12:30"],
        "exceptions": [
            {
                "start": "weekday 2 +3",
                "closed": True,
                "reason": {
                    "nl": "jaarlijkse inventaris",
                    "fr": "inventaire annuel",
                    "en": "annual stocktaking",
                },
            },
        ],
        "tariff_note": {
            "nl": "Voor toestellen van meer dan €200 vragen we een waarborg, die je terugkrijgt als je het toestel terugbrengt.",
            "fr": "Pour les appareils de plus de 200 €, nous demandons une caution, rendue au retour de l'appareil.",
            "en": "For tools worth more than €200 we ask a deposit, which you get back when you return the tool.",
        },
        "plans": [
            {
                "name": {
                    "nl": "Jaarabonnement",
                    "fr": "Abonnement annuel",
                    "en": "Yearly membership",
                },
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "20",
                "social": "10",
                "deposit": None,
                "description": {
                    "nl": "Waarborg als het toestel meer dan €200 waard is",
                    "fr": "Caution si l'appareil vaut plus de 200 €",
                    "en": "Deposit when the tool is worth more than €200",
                },
            },
        ],
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "default_loan_days": 7,
            "max_loan_days": 14,
            "renewals_allowed": 1,
            "renewal_days": 7,
            "max_active_reservations": 3,
        },
    },
    {
        "slug": "babytheek",
        "title": {"nl": "Babytheek", "fr": "Bébéthèque", "en": "Baby library"},
        "colour": "#3d7f8c",
        "intro": {
            "nl": "Kinderwagens, autostoeltjes en reisbedjes lenen voor de eerste maanden en jaren.",
            "fr": "Emprunter poussettes, sièges auto et lits parapluie pour les premiers mois et années.",
            "en": "Borrow prams, car seats and travel cots for the first months and years.",
        },
        "offers": {
            "nl": "<p>We lenen kinderwagens, autostoeltjes, reisbedjes, draagzakken, kinderstoelen en traphekjes uit voor zes maanden tot een jaar. Kleine babyspullen kan je ruilen met ruilbonnen.</p>",
            "fr": "<p>Nous prêtons poussettes, sièges auto, lits parapluie, porte-bébés, chaises hautes et barrières d'escalier pour six mois à un an. Les petits articles pour bébé s'échangent avec des bons d'échange.</p>",
            "en": "<p>We lend prams, car seats, travel cots, baby carriers, high chairs and stair gates for six months to a year. Small baby items can be swapped with swap vouchers.</p>",
        },
        "place": {
            "nl": "Unit 5, gelijkvloers",
            "fr": "Unité 5, rez-de-chaussée",
            "en": "Unit 5, ground floor",
        },
        "hours": ["2 13:30-16:30", "5 10:00-12:00"],
        "exceptions": [
            {
                "start": "weekday 5 +2",
                "closed": False,
                "opens": "13:00",
                "closes": "16:00",
                "reason": {
                    "nl": "Ruilbeurs: uitzonderlijk in de namiddag",
                    "fr": "Bourse d'échange : exceptionnellement l'après-midi",
                    "en": "Swap fair: exceptionally in the afternoon",
                },
            },
        ],
        "plans": [
            {
                "name": {
                    "nl": "Jaarabonnement",
                    "fr": "Abonnement annuel",
                    "en": "Yearly membership",
                },
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "20",
                "social": "10",
                "deposit": None,
                "description": {
                    "nl": "Met 10 ruilbonnen",
                    "fr": "Avec 10 bons d'échange",
                    "en": "Includes 10 swap vouchers",
                },
            },
        ],
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "default_loan_days": 182,
            "max_loan_days": 365,
            "renewals_allowed": 1,
            "max_active_reservations": 2,
        },
    },
    {
        "slug": "velootje",
        "title": {"nl": "'t Velootje", "fr": "'t Velootje", "en": "'t Velootje"},
        "colour": "#2f6f3e",
        "intro": {
            "nl": "Kinderfietsen op lange termijn lenen tot 12 jaar, en een grotere als je kind groeit.",
            "fr": "Emprunter un vélo d'enfant à long terme jusqu'à 12 ans, et un plus grand quand l'enfant grandit.",
            "en": "Long-term loans of children's bikes up to age 12, swapped for a bigger one as your child grows.",
        },
        "offers": {
            "nl": "<p>Loopfietsen en kinderfietsen van 12 tot 24 inch. Samen met de Fietskeuken houden we ze in orde.</p>",
            "fr": "<p>Draisiennes et vélos d'enfant de 12 à 24 pouces, entretenus avec la Fietskeuken.</p>",
            "en": "<p>Balance bikes and children's bikes from 12 to 24 inch, kept in good shape with the Fietskeuken.</p>",
        },
        "place": {
            "nl": "Unit 7, naast de Fietskeuken",
            "fr": "Unité 7, à côté de la Fietskeuken",
            "en": "Unit 7, next to the Fietskeuken",
        },
        "hours": ["2 14:00-17:00", "5 10:00-12:00"],
        "exceptions": [
            {
                "start": "yearly 07-21",
                "end": "yearly 08-03",
                "closed": True,
                "reason": {
                    "nl": "Zomersluiting",
                    "fr": "Fermeture d'été",
                    "en": "Summer break",
                },
            },
        ],
        "plans": [
            {
                "name": {"nl": "Loopfiets", "fr": "Draisienne", "en": "Balance bike"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "20",
                "social": "10",
                "deposit": "40",
                "social_deposit": "0",
                "description": {},
            },
            {
                "name": {"nl": "Kinderfiets", "fr": "Vélo d'enfant", "en": "Children's bike"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "40",
                "social": "20",
                "deposit": "40",
                "social_deposit": "0",
                "description": {},
            },
        ],
        "tariff_note": {
            "nl": "Met het sociaal tarief betaal je geen waarborg.",
            "fr": "Au tarif social, vous ne payez pas de caution.",
            "en": "At the social tariff you pay no deposit.",
        },
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "default_loan_days": 365,
            "max_loan_days": 365,
            "renewals_allowed": 0,
            "max_active_reservations": 2,
        },
    },
    {
        "slug": "fietskeuken",
        "title": {
            "nl": "Fietskeuken",
            "fr": "Fietskeuken (atelier vélo)",
            "en": "Fietskeuken (bike kitchen)",
        },
        "colour": "#4f5d2f",
        "intro": {
            "nl": "Herstel zelf je fiets, met gereedschap en hulp van vrijwilligers.",
            "fr": "Réparez vous-même votre vélo, avec des outils et l'aide de bénévoles.",
            "en": "Repair your own bike, with tools and help from volunteers.",
        },
        "offers": {
            "nl": "<p>Een werkplaats met gereedschap, tweedehands onderdelen en vrijwilligers die je op weg helpen. Gratis.</p>",
            "fr": "<p>Un atelier avec des outils, des pièces d'occasion et des bénévoles pour vous guider. Gratuit.</p>",
            "en": "<p>A workshop with tools, second-hand parts and volunteers to guide you. Free.</p>",
        },
        "place": {"nl": "Unit 8", "fr": "Unité 8", "en": "Unit 8"},
        "hours": ["1 18:00-21:00", "5 09:00-12:00", "5 13:00-16:00"],
        "exceptions": [
            {
                "start": "weekday 1 +4",
                "closed": False,
                "opens": "17:00",
                "closes": "22:00",
                "reason": {
                    "nl": "Lichtjesavond: langer open",
                    "fr": "Soirée éclairage : ouvert plus longtemps",
                    "en": "Bike lights evening: open longer",
                },
            },
        ],
        "events": [
            {
                "slug": "lichtjesavond",
                "date": "weekday 1 +4",
                "time": "17:00-22:00",
                "title": {
                    "nl": "Lichtjesavond",
                    "fr": "Soirée éclairage",
                    "en": "Bike lights evening",
                },
                "intro": {
                    "nl": "Zie en word gezien: we zetten samen je fietsverlichting in orde voor de donkere maanden.",
                    "fr": "Voir et être vu : nous remettons ensemble l'éclairage de votre vélo en ordre pour les mois sombres.",
                    "en": "See and be seen: together we get your bike lights ready for the dark months.",
                },
                "location": {"nl": "Unit 8", "fr": "Unité 8", "en": "Unit 8"},
            },
        ],
        "plans": [],
        "tariff_note": {
            "nl": "Gratis. Onderdelen betaal je aan kostprijs.",
            "fr": "Gratuit. Les pièces sont au prix coûtant.",
            "en": "Free. Parts at cost price.",
        },
    },
    {
        "slug": "sportrijk",
        "title": {"nl": "Sportrijk", "fr": "Sportrijk", "en": "Sportrijk"},
        "colour": "#2f4f8c",
        "intro": {
            "nl": "Ruil sportkledij en leen fitness- en sportmateriaal tot zes maanden.",
            "fr": "Échangez des vêtements de sport et empruntez du matériel de fitness jusqu'à six mois.",
            "en": "Swap sports clothing and borrow fitness and sports gear for up to six months.",
        },
        "offers": {
            "nl": "<p>Voetbalschoenen, sportkledij, fitnessmateriaal, rackets en meer.</p>",
            "fr": "<p>Chaussures de foot, vêtements de sport, matériel de fitness, raquettes et plus.</p>",
            "en": "<p>Football boots, sportswear, fitness gear, rackets and more.</p>",
        },
        "place": {
            "nl": "Unit 10, in de toren",
            "fr": "Unité 10, dans la tour",
            "en": "Unit 10, in the tower",
        },
        "hours": ["2 15:00-18:00", "4 17:00-19:00"],
        "seasonal": ["5 10:00-12:00 04-01..09-30"],
        "plans": [
            {
                "name": {
                    "nl": "Jaarabonnement",
                    "fr": "Abonnement annuel",
                    "en": "Yearly membership",
                },
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "10",
                "social": "5",
                "deposit": None,
                "description": {
                    "nl": "Met 10 ruilpunten",
                    "fr": "Avec 10 points d'échange",
                    "en": "Includes 10 swap points",
                },
            },
        ],
        "hours_note": {
            "nl": "Op zaterdag enkel van april tot september.",
            "fr": "Le samedi uniquement d'avril à septembre.",
            "en": "Saturdays from April to September only.",
        },
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "default_loan_days": 28,
            "max_loan_days": 182,
            "renewals_allowed": 1,
            "max_active_reservations": 3,
        },
    },
    {
        "slug": "swop-and-go",
        "title": {"nl": "Swop & Go", "fr": "Swop & Go", "en": "Swop & Go"},
        "colour": "#8c2f6b",
        "intro": {
            "nl": "Ruilwinkel voor kinderkleding van 0 tot 14 jaar, en speelkoffers om te lenen.",
            "fr": "Boutique d'échange de vêtements pour enfants de 0 à 14 ans, et des malles de jeux à emprunter.",
            "en": "A swap shop for children's clothes from 0 to 14, and play boxes on loan.",
        },
        "offers": {
            "nl": "<p>Breng kleren die te klein zijn en neem grotere mee, met ruilbonnen in plaats van geld.</p>",
            "fr": "<p>Apportez les vêtements devenus trop petits et repartez avec des plus grands, avec des bons au lieu d'argent.</p>",
            "en": "<p>Bring clothes that are too small and take bigger ones, with vouchers instead of money.</p>",
        },
        "place": {"nl": "Markthal", "fr": "Halle du marché", "en": "Market hall"},
        "hours": ["2 13:00-17:00", "5 09:30-12:30"],
        "plans": [],
        "tariff_note": {
            "nl": "Met ruilbonnen, zonder geld. Doorverwezen gezinnen krijgen 15 bonnen per kind.",
            "fr": "Avec des bons, sans argent. Les familles orientées reçoivent 15 bons par enfant.",
            "en": "With vouchers, no money. Referred families get 15 vouchers per child.",
        },
    },
    {
        "slug": "spelotheek",
        "title": {"nl": "Spelotheek", "fr": "Ludothèque", "en": "Toy library"},
        "colour": "#c07a12",
        "intro": {
            "nl": "Speelgoed en gezelschapsspellen lenen, vier weken lang.",
            "fr": "Empruntez jouets et jeux de société pendant quatre semaines.",
            "en": "Borrow toys and board games for four weeks.",
        },
        "offers": {
            "nl": "<p>Gezelschapsspellen, buitenspeelgoed, puzzels en speelgoed voor de allerkleinsten. Tot vijf stuks tegelijk.</p>",
            "fr": "<p>Jeux de société, jeux d'extérieur, puzzles et jouets pour les tout-petits. Jusqu'à cinq à la fois.</p>",
            "en": "<p>Board games, outdoor toys, puzzles and toys for toddlers. Up to five at a time.</p>",
        },
        "place": {"nl": "Unit 4", "fr": "Unité 4", "en": "Unit 4"},
        "hours": ["2 10:00-12:00", "2 13:30-17:00", "5 10:00-12:30"],
        "exceptions": [
            {
                "start": "weekday 0 +6",
                "days": 7,
                "closed": True,
                "reason": {
                    "nl": "Poetsweek: al het speelgoed wordt nagekeken",
                    "fr": "Semaine de nettoyage : tous les jouets sont vérifiés",
                    "en": "Cleaning week: every toy gets checked",
                },
            },
        ],
        "plans": [
            {
                "name": {"nl": "Basis", "fr": "Formule de base", "en": "Basic"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "5",
                "social": "2.50",
                "deposit": None,
                "description": {
                    "nl": "2 stuks tegelijk, telkens 4 weken",
                    "fr": "2 jeux à la fois, 4 semaines chaque fois",
                    "en": "2 toys at a time, 4 weeks each",
                },
            },
            {
                "name": {"nl": "Gezin", "fr": "Famille", "en": "Family"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "10",
                "social": "5",
                "deposit": None,
                "description": {
                    "nl": "5 stuks tegelijk, telkens 4 weken",
                    "fr": "5 jeux à la fois, 4 semaines chaque fois",
                    "en": "5 toys at a time, 4 weeks each",
                },
            },
        ],
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "auto_confirm": True,
            "default_loan_days": 28,
            "max_loan_days": 28,
            "renewals_allowed": 1,
            "renewal_days": 14,
            "max_active_reservations": 5,
        },
        "events": [
            {
                "slug": "spelnamiddag",
                "date": "weekday 2 +3",
                "time": "14:00-17:00",
                "title": {"nl": "Spelnamiddag", "fr": "Après-midi jeux", "en": "Games afternoon"},
                "intro": {
                    "nl": "Probeer nieuwe gezelschapsspellen uit voor je ze leent. Voor kinderen vanaf 6 jaar en hun ouders.",
                    "fr": "Essayez de nouveaux jeux de société avant de les emprunter. Pour les enfants dès 6 ans et leurs parents.",
                    "en": "Try out new board games before you borrow them. For children from 6 and their parents.",
                },
                "location": {"nl": "Markthal", "fr": "Halle du marché", "en": "Market hall"},
            },
        ],
    },
    {
        "slug": "legotheek",
        "title": {"nl": "Legotheek", "fr": "Légothèque", "en": "LEGO library"},
        "colour": "#b8341f",
        "intro": {
            "nl": "LEGO-sets lenen voor een maand. Let op: de Legotheek stopt op {stop}.",
            "fr": "Emprunter des boîtes LEGO pour un mois. Attention : la Légothèque s'arrête le {stop}.",
            "en": "Borrow LEGO sets for a month. Note: the LEGO library stops on {stop}.",
        },
        "offers": {
            "nl": "<p>Sets met het aantal blokjes erbij, nagekeken bij elke terugkeer.</p>",
            "fr": "<p>Des boîtes avec le nombre de pièces, vérifiées à chaque retour.</p>",
            "en": "<p>Sets with their piece counts, checked on every return.</p>",
        },
        "place": {
            "nl": "Unit 4, bij de Spelotheek",
            "fr": "Unité 4, avec la Ludothèque",
            "en": "Unit 4, with the toy library",
        },
        "hours": ["5 10:00-12:00 ..+75"],
        "hours_note": {
            "nl": "De Legotheek stopt op {stop}. Breng je sets voor die dag terug; nieuwe abonnementen zijn niet meer mogelijk.",
            "fr": "La Légothèque s'arrête le {stop}. Rapportez vos boîtes avant cette date ; plus de nouveaux abonnements.",
            "en": "The LEGO library stops on {stop}. Please bring your sets back before then; no new memberships.",
        },
        "plans": [
            {
                "name": {"nl": "Klein abonnement", "fr": "Petit abonnement", "en": "Small plan"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "25",
                "social": "12.50",
                "deposit": None,
                "description": {},
            },
            {
                "name": {"nl": "Groot abonnement", "fr": "Grand abonnement", "en": "Large plan"},
                "duration": {"nl": "1 jaar", "fr": "1 an", "en": "1 year"},
                "months": 12,
                "price": "75",
                "social": "37.50",
                "deposit": None,
                "description": {},
            },
        ],
        "lending": {
            "lends_items": True,
            "reservations_enabled": True,
            "default_loan_days": 28,
            "max_loan_days": 56,
            "renewals_allowed": 1,
        },
    },
    {
        "slug": "stal-13",
        "title": {"nl": "Stal 13", "fr": "Stal 13", "en": "Stal 13"},
        "colour": "#6b4a2f",
        "intro": {
            "nl": "Werkplaats waar oude meubels betaalbaar design worden, en mensen werkervaring opdoen.",
            "fr": "Atelier où de vieux meubles deviennent du design abordable et où l'on acquiert de l'expérience.",
            "en": "A workshop where old furniture becomes affordable design, and people gain work experience.",
        },
        "offers": {
            "nl": "<p>Een opleidingstraject met doorverwijzing door het OCMW.</p>",
            "fr": "<p>Un parcours de formation sur orientation du CPAS.</p>",
            "en": "<p>A training path, by referral from the public social welfare centre (OCMW).</p>",
        },
        "place": {
            "nl": "Unit 12, achteraan",
            "fr": "Unité 12, au fond",
            "en": "Unit 12, at the back",
        },
        "hours": ["0 09:00-16:00", "1 09:00-16:00", "3 09:00-16:00"],
        "plans": [],
    },
    {
        "slug": "poezewoef",
        "title": {"nl": "Poezewoef", "fr": "Poezewoef", "en": "Poezewoef"},
        "colour": "#7a5c8c",
        "intro": {
            "nl": "Voedselbank voor huisdieren van gezinnen die het moeilijk hebben.",
            "fr": "Banque alimentaire pour les animaux de familles en difficulté.",
            "en": "A pet food bank for families going through a hard time.",
        },
        "offers": {
            "nl": "<p>Voeding voor katten en honden.</p>",
            "fr": "<p>Nourriture pour chats et chiens.</p>",
            "en": "<p>Food for cats and dogs.</p>",
        },
        "place": {"nl": "Centraal depot", "fr": "Dépôt central", "en": "Central depot"},
        "hours": ["3 14:00-16:00"],
        "plans": [],
    },
    {
        "slug": "digipunt",
        "title": {"nl": "Digipunt", "fr": "Point numérique", "en": "Digital help desk"},
        "colour": "#2f6f8c",
        "intro": {
            "nl": "Hulp bij digitale vragen: je smartphone, itsme, e-mail of online formulieren.",
            "fr": "De l'aide pour vos questions numériques : smartphone, itsme, e-mail ou formulaires en ligne.",
            "en": "Help with digital questions: your smartphone, itsme, e-mail or online forms.",
        },
        "offers": {
            "nl": "<p>Gratis, zonder afspraak.</p>",
            "fr": "<p>Gratuit, sans rendez-vous.</p>",
            "en": "<p>Free, no appointment needed.</p>",
        },
        "place": {
            "nl": "Markthal, infobalie",
            "fr": "Halle du marché, accueil",
            "en": "Market hall, info desk",
        },
        "hours": ["1 09:30-12:00", "3 13:30-16:00"],
        "exceptions": [
            {
                "start": "weekday 3 +2",
                "closed": True,
                "reason": {
                    "nl": "Vrijwilligers op opleiding",
                    "fr": "Bénévoles en formation",
                    "en": "Volunteers in training",
                },
            },
        ],
        "plans": [],
    },
    {
        "slug": "mini-vork",
        "title": {"nl": "Mini-VORK", "fr": "Mini-VORK", "en": "Mini-VORK"},
        "colour": "#8c3a2f",
        "intro": {
            "nl": "Sociaal restaurant: een warme maaltijd aan een prijs volgens je inkomen.",
            "fr": "Restaurant social : un repas chaud à un prix selon vos revenus.",
            "en": "A social restaurant: a hot meal at a price that follows your income.",
        },
        "offers": {
            "nl": "<p>Dagschotel met soep, elke middag.</p>",
            "fr": "<p>Plat du jour avec potage, chaque midi.</p>",
            "en": "<p>Dish of the day with soup, every lunchtime.</p>",
        },
        "place": {
            "nl": "Markthal, op de hoek",
            "fr": "Halle du marché, au coin",
            "en": "Market hall, on the corner",
        },
        "hours": [
            "0 11:30-14:00",
            "1 11:30-14:00",
            "2 11:30-14:00",
            "3 11:30-14:00",
            "4 11:30-14:00",
        ],
        "exceptions": [
            {
                "start": "weekday 0 +3",
                "closed": True,
                "reason": {
                    "nl": "Grote kuis van de keuken",
                    "fr": "Grand nettoyage de la cuisine",
                    "en": "Kitchen deep clean",
                },
            },
        ],
        "plans": [
            {
                "name": {"nl": "Maaltijd", "fr": "Repas", "en": "Meal"},
                "duration": {"nl": "per maaltijd", "fr": "par repas", "en": "per meal"},
                "months": None,
                "price": "8",
                "social": "2",
                "deposit": None,
                "description": {},
            },
        ],
    },
    {
        "slug": "stekjesruil",
        "title": {"nl": "Stekjesruil", "fr": "Échange de boutures", "en": "Plant cuttings swap"},
        "colour": "#3f7a2f",
        "intro": {
            "nl": "Breng een stekje mee, neem er een ander mee naar huis.",
            "fr": "Apportez une bouture, repartez avec une autre.",
            "en": "Bring a cutting, take another one home.",
        },
        "offers": {
            "nl": "<p>Kamerplanten, kruiden en tuinplanten.</p>",
            "fr": "<p>Plantes d'intérieur, aromates et plantes de jardin.</p>",
            "en": "<p>House plants, herbs and garden plants.</p>",
        },
        "place": {"nl": "Binnenplaats", "fr": "Cour", "en": "Courtyard"},
        "hours": ["5 10:00-12:00 03-01..10-31"],
        "hours_note": {
            "nl": "Van maart tot oktober, op zaterdagvoormiddag.",
            "fr": "De mars à octobre, le samedi matin.",
            "en": "From March to October, on Saturday mornings.",
        },
        "events": [
            {
                "slug": "lenteruilbeurs",
                "date": "yearly 04-18",
                "time": "10:00-13:00",
                "title": {
                    "nl": "Grote lenteruilbeurs",
                    "fr": "Grande bourse de printemps",
                    "en": "Big spring swap",
                },
                "intro": {
                    "nl": "Zaailingen, stekjes en kamerplanten: breng wat je over hebt en neem iets nieuws mee.",
                    "fr": "Semis, boutures et plantes d'intérieur : apportez ce que vous avez en trop et repartez avec du nouveau.",
                    "en": "Seedlings, cuttings and house plants: bring what you have spare and take something new home.",
                },
                "location": {"nl": "Binnenplaats", "fr": "Cour", "en": "Courtyard"},
            },
        ],
        "plans": [],
    },
    {
        "slug": "sociale-kruidenier",
        "title": {"nl": "Sociale kruidenier", "fr": "Épicerie sociale", "en": "Social grocery"},
        "colour": "#6b7a2f",
        "intro": {
            "nl": "Voeding en verzorgingsproducten tegen een lage prijs, met een doorverwijzing.",
            "fr": "Alimentation et produits d'hygiène à petit prix, sur orientation.",
            "en": "Food and care products at a low price, with a referral.",
        },
        "offers": {
            "nl": "<p>Overschotten en producten die bijna vervallen. Toegang wordt elke drie maanden herbekeken.</p>",
            "fr": "<p>Surplus et produits proches de la date. L'accès est revu tous les trois mois.</p>",
            "en": "<p>Surplus and near-date products. Access is reviewed every three months.</p>",
        },
        "place": {"nl": "Unit 1", "fr": "Unité 1", "en": "Unit 1"},
        "hours": ["1 13:00-17:00", "4 09:00-12:00"],
        "exceptions": [
            {
                "start": "weekday 4 +1",
                "closed": False,
                "opens": "10:00",
                "closes": "12:00",
                "reason": {
                    "nl": "Levering van de voedselbank: later open",
                    "fr": "Livraison de la banque alimentaire : ouverture plus tard",
                    "en": "Food bank delivery: opening later",
                },
            },
        ],
        "plans": [],
    },
    {
        "slug": "repair-cafe",
        "title": {"nl": "Repair Café", "fr": "Repair Café", "en": "Repair Café"},
        "colour": "#8c6b2f",
        "intro": {
            "nl": "Elke maand herstellen vrijwilligers samen met jou je kapotte spullen.",
            "fr": "Chaque mois, des bénévoles réparent avec vous vos objets cassés.",
            "en": "Every month, volunteers repair your broken things together with you.",
        },
        "offers": {
            "nl": "<p>Gratis; een vrije bijdrage mag. Onderdelen betaal je aan kostprijs. Geen gastoestellen, lithiumbatterijen of toestellen onder garantie.</p>",
            "fr": "<p>Gratuit ; une contribution libre est bienvenue. Pièces au prix coûtant. Pas d'appareils au gaz, de batteries au lithium ni d'appareils sous garantie.</p>",
            "en": "<p>Free; a voluntary contribution is welcome. Parts at cost. No gas appliances, lithium batteries or devices under warranty.</p>",
        },
        "place": {"nl": "Markthal", "fr": "Halle du marché", "en": "Market hall"},
        "hours": [],
        "hours_note": {
            "nl": "Open tijdens de sessies in de agenda hieronder.",
            "fr": "Ouvert lors des sessions de l'agenda ci-dessous.",
            "en": "Open during the sessions listed below.",
        },
        "plans": [],
        "events": [
            {
                "slug": "repair-cafe",
                "monthly": "3 5",
                "count": 6,
                "past": 1,
                "time": "13:30-16:30",
                "title": {"nl": "Repair Café", "fr": "Repair Café", "en": "Repair Café"},
                "intro": {
                    "nl": "Breng je kapotte toestel, fiets of kledingstuk mee en herstel het samen met een vrijwilliger.",
                    "fr": "Apportez votre appareil, vélo ou vêtement abîmé et réparez-le avec un bénévole.",
                    "en": "Bring your broken appliance, bike or garment and fix it together with a volunteer.",
                },
                "location": {"nl": "Markthal", "fr": "Halle du marché", "en": "Market hall"},
            },
        ],
        "body": {
            "nl": [
                faq(
                    "Huisregels",
                    (
                        "Wat kost het?",
                        "Niets. Een vrije bijdrage mag, en onderdelen betaal je aan kostprijs.",
                    ),
                    (
                        "Wat kan ik meebrengen?",
                        "Eén toestel per persoon als het druk is. Geen gastoestellen, lithiumbatterijen of toestellen die nog onder garantie zijn.",
                    ),
                    (
                        "Is de herstelling gegarandeerd?",
                        "Nee, de herstellers zijn vrijwilligers. Je herstelt samen met hen, op eigen risico.",
                    ),
                ),
            ],
            "fr": [
                faq(
                    "Règlement",
                    (
                        "Combien ça coûte ?",
                        "Rien. Une contribution libre est la bienvenue, et les pièces sont au prix coûtant.",
                    ),
                    (
                        "Que puis-je apporter ?",
                        "Un objet par personne quand il y a du monde. Pas d'appareils au gaz, de batteries au lithium ni d'appareils encore sous garantie.",
                    ),
                    (
                        "La réparation est-elle garantie ?",
                        "Non, les réparateurs sont bénévoles. Vous réparez avec eux, à vos propres risques.",
                    ),
                ),
            ],
            "en": [
                faq(
                    "House rules",
                    (
                        "What does it cost?",
                        "Nothing. A voluntary contribution is welcome, and parts are charged at cost.",
                    ),
                    (
                        "What can I bring?",
                        "One item per person when it is busy. No gas appliances, lithium batteries or devices still under warranty.",
                    ),
                    (
                        "Is the repair guaranteed?",
                        "No, the repairers are volunteers. You repair together with them, at your own risk.",
                    ),
                ),
            ],
        },
    },
    {
        "slug": "vrijetijdspunt",
        "title": {"nl": "Vrijetijdspunt", "fr": "Point loisirs", "en": "Leisure point"},
        "colour": "#2f8c7a",
        "intro": {
            "nl": "Advies over vrije tijd, UiTPAS en kortingen met het kansentarief.",
            "fr": "Conseils loisirs, UiTPAS et réductions au tarif d'opportunité.",
            "en": "Advice on leisure, the UiTPAS and reductions with the opportunity tariff.",
        },
        "offers": {
            "nl": "<p>Vraag hier je UiTPAS met kansentarief aan.</p>",
            "fr": "<p>Demandez ici votre UiTPAS au tarif d'opportunité.</p>",
            "en": "<p>Apply for your UiTPAS with the opportunity tariff here.</p>",
        },
        "place": {
            "nl": "Markthal, infobalie",
            "fr": "Halle du marché, accueil",
            "en": "Market hall, info desk",
        },
        "hours": ["2 13:30-17:00"],
        "plans": [],
        "events": [
            {
                "slug": "infomoment-uitpas",
                "date": "weekday 2 +2",
                "time": "14:00-15:30",
                "title": {
                    "nl": "Infomoment UiTPAS",
                    "fr": "Séance d'info UiTPAS",
                    "en": "UiTPAS information session",
                },
                "intro": {
                    "nl": "Hoe vraag je een UiTPAS met kansentarief aan, en waar krijg je er korting mee?",
                    "fr": "Comment demander une UiTPAS au tarif réduit, et où obtient-on des réductions avec ?",
                    "en": "How do you apply for an UiTPAS with the opportunity tariff, and where does it get you a reduction?",
                },
                "location": {
                    "nl": "Markthal, infobalie",
                    "fr": "Halle du marché, accueil",
                    "en": "Market hall, info desk",
                },
                "registration_required": True,
            },
        ],
    },
]

# The body of an initiative that lends items and has no body of its own.
LENDING_BODY = {
    "nl": [
        p(
            "Zoek in de catalogus wat je nodig hebt en reserveer het voor een dag waarop we open zijn. Een vrijwilliger bevestigt je reservatie; je haalt op en brengt terug tijdens de openingsuren."
        ),
        cta(
            "Sociaal tarief",
            "Heb je een verwijsbrief of een UiTPAS met kansentarief? Dan betaal je minder.",
            "Lees hoe het werkt",
            "tarieven",
        ),
    ],
    "fr": [
        p(
            "Cherchez dans le catalogue ce dont vous avez besoin et réservez-le pour un jour d'ouverture. Un bénévole confirme votre réservation ; vous venez chercher et rapportez pendant les heures d'ouverture."
        ),
        cta(
            "Tarif social",
            "Vous avez une lettre d'orientation ou une UiTPAS au tarif réduit ? Vous payez moins.",
            "Voir comment ça marche",
            "tarieven",
        ),
    ],
    "en": [
        p(
            "Search the catalogue for what you need and reserve it for a day on which we are open. A volunteer confirms your reservation; you pick up and bring back during opening hours."
        ),
        cta(
            "Social tariff",
            "Do you have a referral letter or an UiTPAS with the opportunity tariff? Then you pay less.",
            "See how it works",
            "tarieven",
        ),
    ],
}
