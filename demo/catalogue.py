# ruff: noqa: E501
"""The demo catalogue: categories, and the items of the lending initiatives with their copies.

Items are built from product types: each type has its names, description and contents in
Dutch, French and English, a few brands or models, an age range for children's things and a
number of copies. Each model of a type is one item with one to four copies (coded per type:
IN-0001, IN-0002...). Every type gets one drawn picture, shared by its items, so that the
demo builds quickly and downloads nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from wagtail.models import Collection

from catalogue.models import Category, Copy, Item, ItemImage

from .images import demo_image

CATALOGUE_PAGE = {
    "slug": "catalogus",
    "title": {"nl": "Catalogus", "fr": "Catalogue", "en": "Catalogue"},
    "intro": {
        "nl": "Zoek wat je wilt lenen: van kinderwagen tot klopboormachine. Reserveer het en haal het op tijdens de openingsuren van het initiatief.",
        "fr": "Cherchez ce que vous voulez emprunter, de la poussette à la perceuse. Réservez-le et venez le chercher pendant les heures d'ouverture de l'initiative.",
        "en": "Find what you want to borrow, from a pram to a hammer drill. Reserve it and pick it up during the initiative's opening hours.",
    },
}

# slug: (names nl/fr/en, icon, parent slug or None, order)
CATEGORIES = {
    "baby-en-peuter": (
        ("Baby en peuter", "Bébé et tout-petit", "Baby and toddler"),
        "baby",
        None,
        1,
    ),
    "kinderwagens": (
        ("Kinderwagens en buggy's", "Poussettes et buggys", "Prams and buggies"),
        "stroller",
        "baby-en-peuter",
        1,
    ),
    "slapen": (("Slapen", "Sommeil", "Sleeping"), "baby", "baby-en-peuter", 2),
    "eten-en-verzorgen": (
        ("Eten en verzorgen", "Repas et soins", "Feeding and care"),
        "kitchen",
        "baby-en-peuter",
        3,
    ),
    "onderweg": (("Onderweg", "En route", "On the go"), "stroller", "baby-en-peuter", 4),
    "gereedschap": (("Gereedschap", "Outils", "Tools"), "tools", None, 2),
    "boren-en-schroeven": (
        ("Boren en schroeven", "Perceuses et visseuses", "Drills and screwdrivers"),
        "drill",
        "gereedschap",
        1,
    ),
    "zagen-en-schuren": (
        ("Zagen en schuren", "Scier et poncer", "Sawing and sanding"),
        "tools",
        "gereedschap",
        2,
    ),
    "ladders": (
        ("Ladders en trappen", "Échelles et escabeaux", "Ladders and steps"),
        "ladder",
        "gereedschap",
        3,
    ),
    "tuin": (("Tuin", "Jardin", "Garden"), "garden", "gereedschap", 4),
    "reinigen": (("Reinigen", "Nettoyage", "Cleaning"), "tools", "gereedschap", 5),
    "fietsen": (("Fietsen", "Vélos", "Bikes"), "bike", None, 3),
    "kinderfietsen": (("Kinderfietsen", "Vélos enfants", "Kids' bikes"), "bike", "fietsen", 1),
    "loopfietsen": (("Loopfietsen", "Draisiennes", "Balance bikes"), "bike", "fietsen", 2),
    "helmen-en-accessoires": (
        ("Helmen en accessoires", "Casques et accessoires", "Helmets and accessories"),
        "helmet",
        "fietsen",
        3,
    ),
    "sport-en-buiten": (
        ("Sport en buiten", "Sport et plein air", "Sport and outdoors"),
        "ball",
        None,
        4,
    ),
    "kamperen": (("Kamperen", "Camping", "Camping"), "tent", "sport-en-buiten", 1),
    "balsporten": (("Balsporten", "Sports de balle", "Ball games"), "ball", "sport-en-buiten", 2),
    "rollen-en-glijden": (
        ("Rollen en glijden", "Rouler et glisser", "Skates and scooters"),
        "ball",
        "sport-en-buiten",
        3,
    ),
    "spellen-en-speelgoed": (
        ("Spellen en speelgoed", "Jeux et jouets", "Games and toys"),
        "game",
        None,
        5,
    ),
    "gezelschapsspellen": (
        ("Gezelschapsspellen", "Jeux de société", "Board games"),
        "game",
        "spellen-en-speelgoed",
        1,
    ),
    "speelgoed": (("Speelgoed", "Jouets", "Toys"), "toy", "spellen-en-speelgoed", 2),
    "lego": (
        ("LEGO en bouwen", "LEGO et construction", "LEGO and building"),
        "bricks",
        "spellen-en-speelgoed",
        3,
    ),
}


@dataclass
class ProductType:
    initiative: str
    category: str
    prefix: str
    names: tuple[str, str, str]
    descriptions: tuple[str, str, str]
    contents: tuple[str, str, str] = ("", "", "")
    models: tuple[str, ...] = ("",)
    copies: int = 8
    ages: tuple[int, int] | None = None
    deposit: int | None = None
    colour: str = "#7d2814"
    extra: dict = field(default_factory=dict)


def bike(size, ages):
    return ProductType(
        "velootje",
        "kinderfietsen",
        "VE",
        (f"Kinderfiets {size} inch", f"Vélo enfant {size} pouces", f"Kids' bike {size} inch"),
        (
            f"Nagekeken kinderfiets met wielen van {size} inch, met bel en verlichting. Past meestal bij een kind van {ages[0] // 12} tot {ages[1] // 12} jaar.",
            f"Vélo enfant révisé avec des roues de {size} pouces, sonnette et éclairage. Convient généralement à un enfant de {ages[0] // 12} à {ages[1] // 12} ans.",
            f"Serviced kids' bike with {size}-inch wheels, bell and lights. Usually fits a child of {ages[0] // 12} to {ages[1] // 12} years.",
        ),
        (
            "Bel\nVoor- en achterlicht\nSlot",
            "Sonnette\nÉclairage avant et arrière\nCadenas",
            "Bell\nFront and rear light\nLock",
        ),
        ("Btwin", "Puky", "Cortina", "Batavus", "Loekie"),
        copies=8,
        ages=ages,
        colour="#1f6f5c",
    )


PRODUCT_TYPES = [
    # Babytheek
    ProductType(
        "babytheek",
        "kinderwagens",
        "BA",
        ("Kinderwagen", "Poussette", "Pram"),
        (
            "Kinderwagen met reiswieg en zitje, geschikt vanaf de geboorte. Gereinigd en nagekeken.",
            "Poussette avec nacelle et siège, dès la naissance. Nettoyée et vérifiée.",
            "Pram with carrycot and seat, suitable from birth. Cleaned and checked.",
        ),
        (
            "Reiswieg\nZitje\nRegenhoes\nBoodschappenmand",
            "Nacelle\nSiège\nHabillage pluie\nPanier",
            "Carrycot\nSeat\nRain cover\nShopping basket",
        ),
        ("Joolz Day+", "Bugaboo Fox", "Mutsy Nio", "Cybex Priam"),
        copies=14,
        ages=(0, 36),
        deposit=50,
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "kinderwagens",
        "BA",
        ("Buggy", "Poussette canne", "Buggy"),
        (
            "Lichte plooibuggy voor onderweg en op reis, vanaf zes maanden.",
            "Poussette canne légère pour les sorties et les voyages, dès six mois.",
            "Light folding buggy for outings and travel, from six months.",
        ),
        ("Regenhoes\nZonnekap", "Habillage pluie\nCapote", "Rain cover\nSun canopy"),
        ("Maclaren Volo", "Babyzen Yoyo", "Chicco Goody"),
        copies=10,
        ages=(6, 48),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "slapen",
        "BA",
        ("Campingbedje", "Lit parapluie", "Travel cot"),
        (
            "Opplooibaar campingbedje met matras, handig bij de grootouders of op vakantie.",
            "Lit parapluie pliable avec matelas, pratique chez les grands-parents ou en vacances.",
            "Folding travel cot with mattress, handy at the grandparents' or on holiday.",
        ),
        ("Matras\nDraagtas", "Matelas\nSac de transport", "Mattress\nCarry bag"),
        ("Chicco Zip & Go", "Hauck Dream'n Play", "Graco Contour"),
        copies=10,
        ages=(0, 36),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "slapen",
        "BA",
        ("Wieg", "Berceau", "Crib"),
        (
            "Houten wieg voor de eerste maanden, met nieuw matrasje.",
            "Berceau en bois pour les premiers mois, avec un matelas neuf.",
            "Wooden crib for the first months, with a new mattress.",
        ),
        ("Matras\nHemeltje", "Matelas\nCiel de lit", "Mattress\nCanopy"),
        ("Childhome", "Quax"),
        copies=6,
        ages=(0, 6),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "eten-en-verzorgen",
        "BA",
        ("Kinderstoel", "Chaise haute", "High chair"),
        (
            "Verstelbare kinderstoel met tafelblad en gordel.",
            "Chaise haute réglable avec tablette et harnais.",
            "Adjustable high chair with tray and harness.",
        ),
        ("Tafelblad\nGordel", "Tablette\nHarnais", "Tray\nHarness"),
        ("Stokke Tripp Trapp", "Hauck Alpha+", "IKEA Antilop"),
        copies=12,
        ages=(6, 36),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "eten-en-verzorgen",
        "BA",
        ("Babybadje", "Baignoire bébé", "Baby bath"),
        (
            "Babybadje met badzitje, past op de meeste badkuipen.",
            "Baignoire bébé avec transat, s'adapte à la plupart des baignoires.",
            "Baby bath with bath seat, fits most bathtubs.",
        ),
        ("Badzitje", "Transat de bain", "Bath seat"),
        ("Stokke Flexi Bath", "Tigex"),
        copies=8,
        ages=(0, 12),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "eten-en-verzorgen",
        "BA",
        ("Flessenverwarmer", "Chauffe-biberon", "Bottle warmer"),
        (
            "Flessenverwarmer voor melk en voeding, snel en gelijkmatig.",
            "Chauffe-biberon pour le lait et les repas, rapide et homogène.",
            "Bottle warmer for milk and food, quick and even.",
        ),
        models=("Philips Avent", "Tommee Tippee"),
        copies=6,
        ages=(0, 24),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "onderweg",
        "BA",
        ("Autostoel groep 0+", "Siège auto groupe 0+", "Infant car seat"),
        (
            "Autostoel voor baby's tot ongeveer 13 kg, i-Size goedgekeurd en ongevalvrij.",
            "Siège auto pour bébés jusqu'à environ 13 kg, homologué i-Size et sans accident.",
            "Car seat for babies up to about 13 kg, i-Size approved and accident-free.",
        ),
        ("Verkleinkussen\nZonnekap", "Réducteur\nCapote", "Newborn insert\nSun canopy"),
        ("Maxi-Cosi Pebble", "Cybex Aton"),
        copies=10,
        ages=(0, 15),
        deposit=30,
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "onderweg",
        "BA",
        ("Draagzak", "Porte-bébé", "Baby carrier"),
        (
            "Ergonomische draagzak, voor- en rugdragen mogelijk.",
            "Porte-bébé ergonomique, portage ventral et dorsal.",
            "Ergonomic baby carrier, front and back carry.",
        ),
        models=("Ergobaby Omni", "Manduca", "Boba"),
        copies=8,
        ages=(0, 36),
        colour="#9c4f96",
    ),
    ProductType(
        "babytheek",
        "onderweg",
        "BA",
        ("Babyfoon", "Babyphone", "Baby monitor"),
        (
            "Babyfoon met groot bereik en nachtlampje.",
            "Babyphone longue portée avec veilleuse.",
            "Long-range baby monitor with night light.",
        ),
        (
            "Zender\nOntvanger\n2 opladers",
            "Émetteur\nRécepteur\n2 chargeurs",
            "Transmitter\nReceiver\n2 chargers",
        ),
        ("Philips Avent", "Alecto"),
        copies=6,
        ages=(0, 36),
        colour="#9c4f96",
    ),
    # Instrumentheek
    ProductType(
        "instrumentheek",
        "boren-en-schroeven",
        "IN",
        ("Klopboormachine", "Perceuse à percussion", "Hammer drill"),
        (
            "Klopboormachine met snoer om te boren in hout, metaal, baksteen en beton.",
            "Perceuse à percussion filaire pour percer le bois, le métal, la brique et le béton.",
            "Corded hammer drill for wood, metal, brick and concrete.",
        ),
        (
            "Koffer\nDiepteaanslag\nExtra handgreep",
            "Coffret\nButée de profondeur\nPoignée supplémentaire",
            "Case\nDepth stop\nExtra handle",
        ),
        ("Bosch PSB 750", "Makita HP1631", "Metabo SBE 650"),
        copies=12,
        deposit=25,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "boren-en-schroeven",
        "IN",
        ("Accuboormachine", "Perceuse-visseuse sans fil", "Cordless drill"),
        (
            "Accuboormachine om te boren en te schroeven, met twee batterijen.",
            "Perceuse-visseuse sans fil pour percer et visser, avec deux batteries.",
            "Cordless drill-driver for drilling and screwing, with two batteries.",
        ),
        (
            "2 batterijen\nLader\nBitset\nKoffer",
            "2 batteries\nChargeur\nJeu d'embouts\nCoffret",
            "2 batteries\nCharger\nBit set\nCase",
        ),
        ("Bosch GSR 12V", "Makita DF333", "DeWalt DCD777"),
        copies=14,
        deposit=25,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "boren-en-schroeven",
        "IN",
        ("Boorhamer", "Marteau perforateur", "Rotary hammer"),
        (
            "Zware boorhamer voor beton, ook om te kappen en tegels los te maken.",
            "Marteau perforateur lourd pour le béton, aussi pour buriner et décoller le carrelage.",
            "Heavy rotary hammer for concrete, also for chiselling and removing tiles.",
        ),
        ("Koffer\nBeitels\nSDS-boren", "Coffret\nBurins\nForets SDS", "Case\nChisels\nSDS bits"),
        ("Bosch GBH 2-26", "Hilti TE 2"),
        copies=6,
        deposit=50,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "zagen-en-schuren",
        "IN",
        ("Decoupeerzaag", "Scie sauteuse", "Jigsaw"),
        (
            "Decoupeerzaag voor rechte en gebogen zaagsneden in hout en plaat.",
            "Scie sauteuse pour des coupes droites et courbes dans le bois et les panneaux.",
            "Jigsaw for straight and curved cuts in wood and board.",
        ),
        ("5 zaagbladen\nKoffer", "5 lames\nCoffret", "5 blades\nCase"),
        ("Bosch PST 700", "Makita 4329"),
        copies=8,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "zagen-en-schuren",
        "IN",
        ("Cirkelzaag", "Scie circulaire", "Circular saw"),
        (
            "Handcirkelzaag met geleider, voor planken en platen.",
            "Scie circulaire avec guide, pour les planches et les panneaux.",
            "Circular saw with guide, for planks and boards.",
        ),
        ("Zaagblad\nParallelgeleider", "Lame\nGuide parallèle", "Blade\nParallel guide"),
        ("Bosch PKS 55", "Makita HS7611"),
        copies=6,
        deposit=40,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "zagen-en-schuren",
        "IN",
        ("Schuurmachine", "Ponceuse", "Sander"),
        (
            "Vlakschuurmachine met stofopvang, met schuurpapier in drie korrels.",
            "Ponceuse vibrante avec récupération de poussière et papier de trois grains.",
            "Orbital sander with dust bag and sandpaper in three grits.",
        ),
        ("Stofzak\nSchuurpapier", "Sac à poussière\nPapier abrasif", "Dust bag\nSandpaper"),
        ("Black+Decker", "Bosch PSS 200", "Makita BO3711"),
        copies=10,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "ladders",
        "IN",
        ("Reformladder", "Échelle transformable", "Combination ladder"),
        (
            "Reformladder van 3 x 8 treden, bruikbaar als trap, enkele of dubbele ladder.",
            "Échelle transformable 3 x 8 échelons, en escabeau, échelle simple ou coulissante.",
            "Combination ladder with 3 x 8 rungs, usable as a stepladder or extension ladder.",
        ),
        models=("Altrex", "Little Jumbo"),
        copies=8,
        deposit=30,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "ladders",
        "IN",
        ("Trapladder", "Escabeau", "Stepladder"),
        (
            "Stevige trapladder met zes treden en een platform.",
            "Escabeau robuste de six marches avec plateforme.",
            "Sturdy stepladder with six steps and a platform.",
        ),
        models=("Altrex", "Hailo"),
        copies=6,
        colour="#b3541e",
    ),
    ProductType(
        "instrumentheek",
        "tuin",
        "IN",
        ("Heggenschaar", "Taille-haie", "Hedge trimmer"),
        (
            "Elektrische heggenschaar voor hagen tot twee meter hoog.",
            "Taille-haie électrique pour les haies jusqu'à deux mètres de haut.",
            "Electric hedge trimmer for hedges up to two metres high.",
        ),
        ("Beschermkap", "Protège-lame", "Blade guard"),
        ("Bosch AHS 50", "Gardena", "Ryobi"),
        copies=8,
        colour="#4f7a28",
    ),
    ProductType(
        "instrumentheek",
        "tuin",
        "IN",
        ("Grasmaaier", "Tondeuse à gazon", "Lawn mower"),
        (
            "Elektrische grasmaaier met opvangbak, voor kleine en middelgrote tuinen.",
            "Tondeuse électrique avec bac, pour les petits et moyens jardins.",
            "Electric lawn mower with grass box, for small and medium gardens.",
        ),
        ("Opvangbak\nVerlengkabel", "Bac de ramassage\nRallonge", "Grass box\nExtension cable"),
        ("Bosch Rotak", "Gardena PowerMax"),
        copies=6,
        deposit=40,
        colour="#4f7a28",
    ),
    ProductType(
        "instrumentheek",
        "tuin",
        "IN",
        ("Bladblazer", "Souffleur de feuilles", "Leaf blower"),
        (
            "Bladblazer en -zuiger in één, met opvangzak.",
            "Souffleur et aspirateur de feuilles en un, avec sac.",
            "Leaf blower and vacuum in one, with collection bag.",
        ),
        models=("Black+Decker", "Ryobi"),
        copies=4,
        colour="#4f7a28",
    ),
    ProductType(
        "instrumentheek",
        "reinigen",
        "IN",
        ("Hogedrukreiniger", "Nettoyeur haute pression", "Pressure washer"),
        (
            "Hogedrukreiniger voor terras, oprit, fiets en auto.",
            "Nettoyeur haute pression pour la terrasse, l'allée, le vélo et la voiture.",
            "Pressure washer for patio, driveway, bike and car.",
        ),
        (
            "Lans\nTerrasreiniger\nSlang van 6 m",
            "Lance\nNettoyeur de terrasse\nTuyau de 6 m",
            "Lance\nPatio cleaner\n6 m hose",
        ),
        ("Kärcher K4", "Nilfisk C130"),
        copies=8,
        deposit=40,
        colour="#2d5f8a",
    ),
    ProductType(
        "instrumentheek",
        "reinigen",
        "IN",
        ("Tapijtreiniger", "Nettoyeur de tapis", "Carpet cleaner"),
        (
            "Sproei-extractiereiniger voor tapijt, bank en autozetels.",
            "Injecteur-extracteur pour tapis, canapé et sièges de voiture.",
            "Spray extraction cleaner for carpets, sofas and car seats.",
        ),
        ("Handstuk\nVloermondstuk", "Embout manuel\nSuceur sol", "Hand tool\nFloor nozzle"),
        ("Kärcher SE 4001",),
        copies=4,
        colour="#2d5f8a",
    ),
    # 't Velootje
    bike(12, (30, 48)),
    bike(14, (36, 60)),
    bike(16, (48, 84)),
    bike(18, (60, 96)),
    bike(20, (72, 120)),
    bike(24, (96, 144)),
    ProductType(
        "velootje",
        "loopfietsen",
        "VE",
        ("Loopfiets", "Draisienne", "Balance bike"),
        (
            "Loopfiets zonder pedalen: zo leert je kind evenwicht houden.",
            "Draisienne sans pédales : votre enfant apprend l'équilibre.",
            "Balance bike without pedals: your child learns to balance.",
        ),
        models=("Puky LR M", "Kokua", "Strider"),
        copies=10,
        ages=(24, 60),
        colour="#1f6f5c",
    ),
    ProductType(
        "velootje",
        "helmen-en-accessoires",
        "VE",
        ("Fietshelm kind", "Casque vélo enfant", "Kids' bike helmet"),
        (
            "Verstelbare fietshelm voor kinderen, gereinigd.",
            "Casque de vélo réglable pour enfants, nettoyé.",
            "Adjustable bike helmet for children, cleaned.",
        ),
        models=("Abus", "Btwin", "Uvex"),
        copies=12,
        ages=(24, 144),
        colour="#1f6f5c",
    ),
    ProductType(
        "velootje",
        "helmen-en-accessoires",
        "VE",
        ("Fietskar", "Remorque vélo", "Bike trailer"),
        (
            "Fietskar voor twee kinderen, ook als buggy te gebruiken.",
            "Remorque vélo pour deux enfants, utilisable aussi comme poussette.",
            "Bike trailer for two children, also usable as a buggy.",
        ),
        (
            "Koppelstuk\nBuggywiel\nRegenhoes",
            "Attelage\nRoue poussette\nHabillage pluie",
            "Hitch\nBuggy wheel\nRain cover",
        ),
        ("Thule Chariot", "Croozer Kid"),
        copies=4,
        ages=(12, 72),
        deposit=75,
        colour="#1f6f5c",
    ),
    # Sportrijk
    ProductType(
        "sportrijk",
        "kamperen",
        "SP",
        ("Tent voor 4 personen", "Tente 4 personnes", "Four-person tent"),
        (
            "Koepeltent voor vier personen met voortent, snel opgezet.",
            "Tente dôme quatre personnes avec auvent, vite montée.",
            "Four-person dome tent with porch, quick to pitch.",
        ),
        ("Haringen\nTentstokken\nHoes", "Sardines\nArceaux\nHousse", "Pegs\nPoles\nBag"),
        ("Quechua", "Coleman"),
        copies=8,
        deposit=40,
        colour="#2d5f8a",
    ),
    ProductType(
        "sportrijk",
        "kamperen",
        "SP",
        ("Slaapzak", "Sac de couchage", "Sleeping bag"),
        (
            "Slaapzak voor drie seizoenen, gewassen.",
            "Sac de couchage trois saisons, lavé.",
            "Three-season sleeping bag, washed.",
        ),
        models=("Quechua", "Vaude"),
        copies=10,
        colour="#2d5f8a",
    ),
    ProductType(
        "sportrijk",
        "balsporten",
        "SP",
        ("Voetbaldoel", "But de football", "Football goal"),
        (
            "Opvouwbaar voetbaldoel voor de tuin of het park.",
            "But de football pliable pour le jardin ou le parc.",
            "Folding football goal for the garden or the park.",
        ),
        ("2 doelen\nHaringen\nTas", "2 buts\nSardines\nSac", "2 goals\nPegs\nBag"),
        ("Kipsta",),
        copies=4,
        ages=(48, 216),
        colour="#2d5f8a",
    ),
    ProductType(
        "sportrijk",
        "balsporten",
        "SP",
        ("Badmintonset", "Set de badminton", "Badminton set"),
        (
            "Badmintonset met net, vier rackets en shuttles.",
            "Set de badminton avec filet, quatre raquettes et volants.",
            "Badminton set with net, four rackets and shuttlecocks.",
        ),
        (
            "Net\n4 rackets\n6 shuttles",
            "Filet\n4 raquettes\n6 volants",
            "Net\n4 rackets\n6 shuttlecocks",
        ),
        ("Perfly",),
        copies=6,
        colour="#2d5f8a",
    ),
    ProductType(
        "sportrijk",
        "rollen-en-glijden",
        "SP",
        ("Inlineskates", "Rollers en ligne", "Inline skates"),
        (
            "Verstelbare inlineskates met beschermset.",
            "Rollers en ligne réglables avec protections.",
            "Adjustable inline skates with protective gear.",
        ),
        (
            "Knie- en elleboogbeschermers\nPolsbeschermers",
            "Genouillères et coudières\nProtège-poignets",
            "Knee and elbow pads\nWrist guards",
        ),
        ("Oxelo", "K2"),
        copies=10,
        ages=(72, 216),
        colour="#2d5f8a",
    ),
    # Spelotheek
    ProductType(
        "spelotheek",
        "speelgoed",
        "SO",
        ("Houten treinset", "Train en bois", "Wooden train set"),
        (
            "Houten treinbaan met bruggen en wagons.",
            "Circuit de train en bois avec ponts et wagons.",
            "Wooden train set with bridges and wagons.",
        ),
        ("Rails\n3 treinen\n2 bruggen", "Rails\n3 trains\n2 ponts", "Tracks\n3 trains\n2 bridges"),
        ("Brio", "IKEA Lillabo"),
        copies=6,
        ages=(24, 72),
        colour="#c08a1e",
    ),
    ProductType(
        "spelotheek",
        "speelgoed",
        "SO",
        ("Poppenhuis", "Maison de poupée", "Doll's house"),
        (
            "Houten poppenhuis met meubeltjes.",
            "Maison de poupée en bois avec ses meubles.",
            "Wooden doll's house with furniture.",
        ),
        models=("Hape", "Plan Toys"),
        copies=4,
        ages=(36, 96),
        colour="#c08a1e",
    ),
    ProductType(
        "spelotheek",
        "speelgoed",
        "SO",
        ("Speelkeuken", "Cuisine enfant", "Play kitchen"),
        (
            "Speelkeuken met potjes en pannetjes.",
            "Cuisine pour enfants avec casseroles et ustensiles.",
            "Play kitchen with pots and pans.",
        ),
        models=("KidKraft", "IKEA Duktig"),
        copies=4,
        ages=(24, 84),
        colour="#c08a1e",
    ),
    # Legotheek
    ProductType(
        "legotheek",
        "lego",
        "LE",
        ("LEGO Duplo-box", "Boîte LEGO Duplo", "LEGO Duplo box"),
        (
            "Grote box met Duplo-blokken en figuurtjes, geteld en gewassen.",
            "Grande boîte de briques Duplo et de figurines, comptées et lavées.",
            "Big box of Duplo bricks and figures, counted and washed.",
        ),
        models=("", "Boerderij", "Stad"),
        copies=10,
        ages=(18, 60),
        colour="#c03a2b",
    ),
    ProductType(
        "legotheek",
        "lego",
        "LE",
        ("LEGO Classic-box", "Boîte LEGO Classic", "LEGO Classic box"),
        (
            "Box met LEGO-stenen in alle kleuren om vrij te bouwen.",
            "Boîte de briques LEGO de toutes les couleurs pour construire librement.",
            "Box of LEGO bricks in every colour for free building.",
        ),
        models=("", "XL"),
        copies=12,
        ages=(48, 144),
        colour="#c03a2b",
    ),
    ProductType(
        "legotheek",
        "lego",
        "LE",
        ("LEGO Technic-set", "Set LEGO Technic", "LEGO Technic set"),
        (
            "Technic-bouwset met bouwinstructies, volledig nagekeken.",
            "Set LEGO Technic avec notice, entièrement vérifié.",
            "Technic building set with instructions, fully checked.",
        ),
        ("Bouwinstructies", "Notice de montage", "Building instructions"),
        ("Kraan", "Graafmachine", "Rallyauto"),
        copies=8,
        ages=(96, 192),
        colour="#c03a2b",
    ),
]

# Board games keep their own names in every language.
BOARD_GAMES = [
    ("Catan", 120, 3, 4),
    ("Carcassonne", 84, 2, 5),
    ("Ticket to Ride", 96, 2, 5),
    ("Dobble", 72, 2, 8),
    ("Rummikub", 84, 2, 4),
    ("Qwirkle", 72, 2, 4),
    ("Ganzenbord", 48, 2, 6),
    ("Regenwormen", 96, 2, 7),
    ("Dixit", 96, 3, 8),
    ("Codenames", 120, 4, 8),
    ("Kingdomino", 96, 2, 4),
    ("Labyrinth", 84, 2, 4),
    ("Stratego", 96, 2, 2),
    ("Halli Galli", 72, 2, 6),
    ("Uno", 84, 2, 10),
    ("Azul", 96, 2, 4),
    ("Hanabi", 96, 2, 5),
    ("Memory", 48, 1, 8),
    ("Mens erger je niet", 60, 2, 4),
    ("Pandemic", 120, 2, 4),
]
CONDITIONS = [
    Copy.Condition.GOOD,
    Copy.Condition.NEW,
    Copy.Condition.GOOD,
    Copy.Condition.FAIR,
    Copy.Condition.WORN,
]
LANGUAGE_INDEX = {"nl": 0, "fr": 1, "en": 2}


def board_game_type(name, min_age, players_min, players_max):
    return ProductType(
        "spelotheek",
        "gezelschapsspellen",
        "SO",
        (name, name, name),
        (
            f"Gezelschapsspel voor {players_min} tot {players_max} spelers, vanaf {min_age // 12} jaar. Alle stukken zijn geteld.",
            f"Jeu de société pour {players_min} à {players_max} joueurs, dès {min_age // 12} ans. Toutes les pièces ont été comptées.",
            f"Board game for {players_min} to {players_max} players, from {min_age // 12} years. Every piece has been counted.",
        ),
        (
            "Spelregels\nAlle stukken in de doos",
            "Règles du jeu\nToutes les pièces dans la boîte",
            "Rules\nEvery piece in the box",
        ),
        copies=2,
        ages=(min_age, 1200),
        colour="#c08a1e",
    )


def all_types():
    from .inventory import EXTRA_TYPES

    return PRODUCT_TYPES + [board_game_type(*game) for game in BOARD_GAMES] + EXTRA_TYPES


def all_categories() -> dict:
    """Every category, parents first."""
    from .inventory import EXTRA_CATEGORIES

    return {**CATEGORIES, **EXTRA_CATEGORIES}


# Building -------------------------------------------------------------------------------


def build_categories(locales) -> dict[str, Category]:
    """The Dutch categories by slug, with their translations; parents first. Idempotent."""
    categories = {}
    for slug, (names, icon, parent_slug, order) in all_categories().items():
        category = Category.objects.filter(slug=slug, locale=locales["nl"]).first()
        if category is None:
            category = Category.objects.create(
                slug=slug,
                name=names[0],
                icon=icon,
                sort_order=order,
                parent=categories.get(parent_slug),
                locale=locales["nl"],
            )
        for code in ("fr", "en"):
            if category.get_translation_or_none(locales[code]) is None:
                copy = category.copy_for_translation(locales[code])
                copy.name = names[LANGUAGE_INDEX[code]]
                copy.save()
        categories[slug] = category
    return categories


def _type_image(kind: ProductType):
    collection = Collection.get_first_root_node()
    image, _created = demo_image(f"Catalogus: {kind.names[0]}", kind.colour, collection)
    return image


# The most copies a demo item gets: enough to show "3 of 4 available".
MOST_COPIES = 4


def _item(kind: ProductType, model: str, initiative, category, image, locale) -> Item:
    """The Dutch item of one model of a product type, saved with its picture."""
    item = Item(
        initiative=initiative,
        category=category,
        name=f"{kind.names[0]} {model}".strip(),
        description=kind.descriptions[0],
        contents=kind.contents[0],
        brand=model.split(" ")[0] if model and kind.prefix in {"BA", "IN", "VE", "SP"} else "",
        age_min_months=kind.ages[0] if kind.ages else None,
        age_max_months=kind.ages[1] if kind.ages and kind.ages[1] < 1200 else None,
        deposit=Decimal(kind.deposit) if kind.deposit else None,
        locale=locale,
        live=True,
    )
    item.images = [ItemImage(image=image)]
    item.save()
    return item


def _copies(item, codes, randomizer) -> None:
    Copy.objects.bulk_create(
        Copy(
            item=item,
            code=code,
            condition=CONDITIONS[number % len(CONDITIONS)],
            status=Copy.Status.IN_REPAIR if randomizer.random() < 0.05 else Copy.Status.AVAILABLE,
        )
        for number, code in enumerate(codes)
    )


def copies_per_model(kind: ProductType, first: int, randomizer) -> list[tuple[str, list[str]]]:
    """(model, codes of its copies) for each model of a type whose codes start at number
    ``first``. The type's codes go round its models (IN-0001 the first model, IN-0002 the
    second...), as a library that numbers things as they come in would; each model keeps one
    to ``MOST_COPIES`` of them."""
    models = len(kind.models)
    result = []
    for index, model in enumerate(kind.models):
        numbers = list(range(first + index, first + kind.copies, models))
        if numbers:
            keep = randomizer.randint(1, min(len(numbers), MOST_COPIES))
            result.append((model, [f"{kind.prefix}-{n:04}" for n in numbers[:keep]]))
    return result


def _translate_item(item, kind: ProductType, model: str, locales) -> None:
    for language in ("fr", "en"):
        index = LANGUAGE_INDEX[language]
        translated = item.copy_for_translation(locales[language])
        translated.name = f"{kind.names[index]} {model}".strip()
        translated.description = kind.descriptions[index]
        translated.contents = kind.contents[index]
        translated.save()


@transaction.atomic
def build_items(initiatives, locales, say=print) -> tuple[int, int]:
    """The demo items of the lending initiatives (Dutch pages by slug), with their copies and
    translations.

    Returns (created, total). Items are matched by the code of their first copy, so running
    it again creates nothing.
    """
    categories = build_categories(locales)
    existing = set(Copy.objects.values_list("code", flat=True))
    counters: dict[str, int] = {}
    created = total = copies = 0
    randomizer = random.Random(2023)
    for kind in all_types():
        initiative = initiatives.get(kind.initiative)
        if initiative is None:
            continue
        image = None
        first = counters.get(kind.prefix, 0) + 1
        counters[kind.prefix] = first + kind.copies - 1
        for model, codes in copies_per_model(kind, first, randomizer):
            total += 1
            copies += len(codes)
            if codes[0] in existing:
                continue
            image = image or _type_image(kind)
            item = _item(kind, model, initiative, categories[kind.category], image, locales["nl"])
            _copies(item, codes, randomizer)
            _translate_item(item, kind, model, locales)
            created += 1
    say(
        f"catalogue: {len(categories)} categories, {total} items with {copies} copies"
        + (f" ({created} created)" if created else " – already loaded")
    )
    return created, total


SYNTHETIC_WORDS = [
    ("Boormachine", "tools"),
    ("Ladder", "tools"),
    ("Kinderwagen", "baby"),
    ("Kinderfiets", "bike"),
    ("Tent", "sport"),
    ("Gezelschapsspel", "game"),
    ("Schuurmachine", "tools"),
    ("Autostoel", "baby"),
]
SYNTHETIC_CATEGORIES = {
    "tools": "boren-en-schroeven",
    "baby": "kinderwagens",
    "bike": "kinderfietsen",
    "sport": "kamperen",
    "game": "gezelschapsspellen",
}
SYNTHETIC_ADJECTIVES = [
    "compacte",
    "stevige",
    "lichte",
    "grote",
    "kleine",
    "handige",
    "robuuste",
    "nieuwe",
]


SYNTHETIC_COPIES = 3


def build_synthetic(count, initiatives, locales, say=print) -> int:
    """Add Dutch synthetic items up to ``count``, each with ``SYNTHETIC_COPIES`` copies (codes
    SY-000001-1...), for scale tests and benchmarks."""
    from search.indexing import index_items

    categories = build_categories(locales)
    lenders = [
        initiatives[slug]
        for slug in ("instrumentheek", "babytheek", "velootje", "sportrijk", "spelotheek")
        if slug in initiatives
    ]
    if not lenders:
        return 0
    have = Item.objects.filter(slug__startswith="sy-", locale=locales["nl"]).count()
    randomizer = random.Random(count)
    made = 0
    batch = []
    for number in range(have + 1, count + 1):
        word, kind = SYNTHETIC_WORDS[number % len(SYNTHETIC_WORDS)]
        adjective = SYNTHETIC_ADJECTIVES[randomizer.randrange(len(SYNTHETIC_ADJECTIVES))]
        batch.append(
            Item(
                initiative=lenders[number % len(lenders)],
                category=categories[SYNTHETIC_CATEGORIES[kind]],
                slug=f"sy-{number:06}",
                name=f"{word} {number}",
                description=f"Een {adjective} {word.lower()} uit de testvoorraad, nummer {number}.",
                locale=locales["nl"],
                live=True,
            )
        )
        if len(batch) == 1000 or number == count:
            with transaction.atomic():
                Item.objects.bulk_create(batch)
                saved = list(
                    Item.objects.filter(
                        slug__in=[item.slug for item in batch], locale=locales["nl"]
                    ).only("pk", "slug")
                )
                Copy.objects.bulk_create(
                    Copy(
                        item=item,
                        code=f"SY-{item.slug[3:]}-{copy}",
                        status=Copy.Status.IN_REPAIR
                        if int(item.slug[3:]) % 20 == 0
                        else Copy.Status.AVAILABLE,
                    )
                    for item in saved
                    for copy in range(1, SYNTHETIC_COPIES + 1)
                )
                index_items(
                    Item.objects.filter(pk__in=[item.pk for item in saved]).select_related(
                        "locale", "category", "category__parent", "initiative"
                    )
                )
            made += len(batch)
            batch = []
            say(f"synthetic items: {have + made} of {count}")
    return made
