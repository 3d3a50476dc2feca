# ruff: noqa: E501
"""More of what a city's lending network lends: sewing machines, sound and image, cargo bikes,
garden and kitchen appliances, camping and party gear, and accessories beside the things they
go with (a bike pump, drill bits, tent pegs), so that the demo catalogue feels like a real
one and a search has to tell the thing from what goes with it.

Same shape as demo/catalogue.py (which builds them): categories by slug, product types with
their names in Dutch, French and English.
"""

from __future__ import annotations

from .catalogue import ProductType

# slug: (names nl/fr/en, icon, parent slug or None, order)
EXTRA_CATEGORIES = {
    "bakfietsen": (("Bakfietsen", "Vélos cargo", "Cargo bikes"), "bike", "fietsen", 4),
    "huishouden": (
        ("Huishouden en keuken", "Maison et cuisine", "Home and kitchen"),
        "kitchen",
        None,
        6,
    ),
    "keuken": (
        ("Keukentoestellen", "Appareils de cuisine", "Kitchen appliances"),
        "kitchen",
        "huishouden",
        1,
    ),
    "naaien": (("Naaien", "Couture", "Sewing"), "tools", "huishouden", 2),
    "feest": (
        ("Feest en evenementen", "Fêtes et événements", "Parties and events"),
        "party",
        None,
        7,
    ),
    "feestmateriaal": (("Feestmateriaal", "Matériel de fête", "Party gear"), "party", "feest", 1),
    "beeld-en-geluid": (
        ("Beeld en geluid", "Son et image", "Sound and vision"),
        "music",
        "feest",
        2,
    ),
}

INSTRUMENTHEEK = "#7d2814"
SPORTRIJK = "#2d5f8a"
VELOOTJE = "#1f6f5c"


def _tool(
    category, names, descriptions, contents=("", "", ""), models=("",), copies=4, deposit=None
):
    return ProductType(
        "instrumentheek",
        category,
        "IN",
        names,
        descriptions,
        contents,
        models,
        copies=copies,
        deposit=deposit,
        colour=INSTRUMENTHEEK,
    )


def _camping(names, descriptions, contents=("", "", ""), models=("",), copies=4):
    return ProductType(
        "sportrijk",
        "kamperen",
        "SP",
        names,
        descriptions,
        contents,
        models,
        copies=copies,
        colour=SPORTRIJK,
    )


EXTRA_TYPES = [
    # Sewing
    _tool(
        "naaien",
        ("Naaimachine", "Machine à coudre", "Sewing machine"),
        (
            "Eenvoudige naaimachine voor herstellingen, zomen en kleine naaiprojecten.",
            "Machine à coudre simple pour les retouches, les ourlets et les petits projets.",
            "Straightforward sewing machine for mending, hems and small sewing projects.",
        ),
        (
            "Voetpedaal\nSpoeltjes\nNaalden\nHoes",
            "Pédale\nCanettes\nAiguilles\nHousse",
            "Foot pedal\nBobbins\nNeedles\nCover",
        ),
        ("Singer Tradition", "Brother CS10", "Janome 2200"),
        copies=5,
    ),
    _tool(
        "naaien",
        ("Lockmachine", "Surjeteuse", "Overlocker"),
        (
            "Lockmachine om naden mooi af te werken, vooral bij tricot en stretchstoffen.",
            "Surjeteuse pour des coutures nettes, surtout sur le jersey et les tissus extensibles.",
            "Overlocker for neat seams, especially on jersey and stretch fabrics.",
        ),
        ("Voetpedaal\nPincet", "Pédale\nPince", "Foot pedal\nTweezers"),
        ("Brother M343D",),
        copies=2,
    ),
    # Sound and vision
    _tool(
        "beeld-en-geluid",
        ("Projector", "Projecteur", "Projector"),
        (
            "Projector (beamer) voor een filmavond, een presentatie of een verjaardag, met HDMI-kabel.",
            "Vidéoprojecteur pour une soirée cinéma, une présentation ou un anniversaire, avec câble HDMI.",
            "Projector for a film night, a talk or a birthday, with an HDMI cable.",
        ),
        (
            "HDMI-kabel\nAfstandsbediening\nTas",
            "Câble HDMI\nTélécommande\nSacoche",
            "HDMI cable\nRemote control\nBag",
        ),
        ("Epson EB-W51", "BenQ MW560"),
        copies=3,
        deposit=50,
    ),
    _tool(
        "beeld-en-geluid",
        ("Projectiescherm", "Écran de projection", "Projector screen"),
        (
            "Opplooibaar projectiescherm op statief, twee meter breed.",
            "Écran de projection pliable sur trépied, deux mètres de large.",
            "Folding projector screen on a tripod, two metres wide.",
        ),
        models=("Celexon",),
        copies=2,
    ),
    _tool(
        "beeld-en-geluid",
        ("Geluidsbox", "Enceinte portable", "PA speaker"),
        (
            "Draagbare geluidsbox met batterij en bluetooth, voor een buurtfeest of een les buiten.",
            "Enceinte portable sur batterie avec bluetooth, pour une fête de quartier ou un cours en plein air.",
            "Battery PA speaker with bluetooth, for a street party or an outdoor class.",
        ),
        ("Lader\nMicrofoonkabel", "Chargeur\nCâble micro", "Charger\nMicrophone cable"),
        ("JBL PartyBox 110", "Mackie Thump Go"),
        copies=3,
        deposit=50,
    ),
    _tool(
        "beeld-en-geluid",
        ("Microfoonset", "Set de micros", "Microphone set"),
        (
            "Twee draadloze microfoons met ontvanger, voor speeches en quizavonden.",
            "Deux micros sans fil avec récepteur, pour les discours et les quiz.",
            "Two wireless microphones with a receiver, for speeches and quiz nights.",
        ),
        (
            "2 microfoons\nOntvanger\nBatterijen",
            "2 micros\nRécepteur\nPiles",
            "2 microphones\nReceiver\nBatteries",
        ),
        ("Shure BLX288",),
        copies=2,
    ),
    # Cargo bikes
    _tool(
        "bakfietsen",
        ("Bakfiets", "Vélo cargo", "Cargo bike"),
        (
            "Bakfiets met bank en gordels voor twee kinderen, of om boodschappen en spullen te vervoeren.",
            "Vélo cargo avec banc et ceintures pour deux enfants, ou pour transporter courses et matériel.",
            "Cargo bike with a bench and belts for two children, or to carry shopping and things.",
        ),
        (
            "Regenhuif\nSlot\n2 gordels",
            "Capote de pluie\nCadenas\n2 ceintures",
            "Rain cover\nLock\n2 belts",
        ),
        ("Babboe Big", "Bakfiets.nl Cargo"),
        copies=2,
        deposit=100,
    ),
    _tool(
        "bakfietsen",
        ("Elektrische bakfiets", "Vélo cargo électrique", "Electric cargo bike"),
        (
            "Bakfiets met trapondersteuning, om een week uit te proberen voor je er zelf een koopt.",
            "Vélo cargo à assistance électrique, à essayer une semaine avant d'en acheter un.",
            "Cargo bike with pedal assist, to try for a week before you buy one yourself.",
        ),
        (
            "Lader\nRegenhuif\nSlot",
            "Chargeur\nCapote de pluie\nCadenas",
            "Charger\nRain cover\nLock",
        ),
        ("Urban Arrow Family", "Babboe Curve-E"),
        copies=2,
        deposit=200,
    ),
    # Garden
    _tool(
        "tuin",
        ("Grastrimmer", "Coupe-bordure", "Strimmer"),
        (
            "Elektrische grastrimmer voor randen en plekken waar de grasmaaier niet geraakt.",
            "Coupe-bordure électrique pour les bords et les coins que la tondeuse n'atteint pas.",
            "Electric strimmer for edges and corners the lawn mower cannot reach.",
        ),
        ("Reservedraad", "Fil de rechange", "Spare line"),
        ("Bosch EasyGrassCut", "Gardena"),
        copies=4,
    ),
    _tool(
        "tuin",
        ("Verticuteermachine", "Scarificateur", "Scarifier"),
        (
            "Verticuteermachine om mos en vilt uit het gazon te halen in het voorjaar.",
            "Scarificateur pour retirer la mousse et le feutre de la pelouse au printemps.",
            "Scarifier to rake moss and thatch out of the lawn in spring.",
        ),
        ("Opvangzak", "Sac de ramassage", "Collection bag"),
        ("Einhell GC-SC 2240",),
        copies=2,
    ),
    _tool(
        "tuin",
        ("Hakselaar", "Broyeur de végétaux", "Garden shredder"),
        (
            "Stille hakselaar voor snoeihout tot vier centimeter dik.",
            "Broyeur de végétaux silencieux pour les branches jusqu'à quatre centimètres.",
            "Quiet garden shredder for prunings up to four centimetres thick.",
        ),
        ("Opvangbak", "Bac de récupération", "Collection box"),
        ("Bosch AXT 25 TC",),
        copies=2,
        deposit=50,
    ),
    _tool(
        "tuin",
        ("Kruiwagen", "Brouette", "Wheelbarrow"),
        (
            "Stevige kruiwagen van honderd liter met luchtband.",
            "Brouette robuste de cent litres avec pneu gonflable.",
            "Sturdy hundred-litre wheelbarrow with a pneumatic tyre.",
        ),
        copies=4,
    ),
    _tool(
        "tuin",
        ("Telescopische snoeizaag", "Scie d'élagage télescopique", "Pole pruner"),
        (
            "Snoeizaag op een uitschuifbare steel, voor takken tot vier meter hoog.",
            "Scie d'élagage sur manche télescopique, pour les branches jusqu'à quatre mètres.",
            "Pruning saw on a telescopic pole, for branches up to four metres high.",
        ),
        models=("Fiskars",),
        copies=2,
    ),
    # Kitchen
    _tool(
        "keuken",
        ("Raclettetoestel", "Appareil à raclette", "Raclette grill"),
        (
            "Raclettetoestel met grillplaat en acht pannetjes.",
            "Appareil à raclette avec plaque grill et huit poêlons.",
            "Raclette grill with a grill plate and eight small pans.",
        ),
        ("8 pannetjes\n8 spatels", "8 poêlons\n8 spatules", "8 pans\n8 spatulas"),
        ("Tefal",),
        copies=4,
    ),
    _tool(
        "keuken",
        ("Gourmetstel", "Set à gourmet", "Gourmet set"),
        (
            "Gourmetstel voor acht personen, voor de feestdagen.",
            "Set à gourmet pour huit personnes, pour les fêtes.",
            "Gourmet set for eight people, for the holidays.",
        ),
        ("8 pannetjes\n8 spatels", "8 poêlons\n8 spatules", "8 pans\n8 spatulas"),
        ("Princess",),
        copies=4,
    ),
    _tool(
        "keuken",
        ("Fondueset", "Service à fondue", "Fondue set"),
        (
            "Elektrische fondueset met acht vorkjes, voor kaas, chocolade of bouillon.",
            "Service à fondue électrique avec huit fourchettes, pour le fromage, le chocolat ou le bouillon.",
            "Electric fondue set with eight forks, for cheese, chocolate or stock.",
        ),
        ("8 vorkjes", "8 fourchettes", "8 forks"),
        ("Tristar",),
        copies=3,
    ),
    _tool(
        "keuken",
        ("Keukenrobot", "Robot pâtissier", "Stand mixer"),
        (
            "Keukenrobot met kneedhaak, garde en menger, voor brood en gebak.",
            "Robot pâtissier avec crochet, fouet et batteur, pour le pain et les gâteaux.",
            "Stand mixer with dough hook, whisk and beater, for bread and cakes.",
        ),
        ("Kneedhaak\nGarde\nMenger", "Crochet\nFouet\nBatteur", "Dough hook\nWhisk\nBeater"),
        ("KitchenAid Artisan", "Kenwood Chef"),
        copies=3,
        deposit=50,
    ),
    _tool(
        "keuken",
        ("Wafelijzer", "Gaufrier", "Waffle iron"),
        (
            "Wafelijzer voor Brusselse wafels, voor de schoolfeest- of verenigingsverkoop.",
            "Gaufrier pour gaufres de Bruxelles, pour la fête de l'école ou une vente associative.",
            "Waffle iron for Brussels waffles, for a school fair or a club sale.",
        ),
        models=("Krampouz", "Princess"),
        copies=4,
    ),
    _tool(
        "keuken",
        ("Soepketel", "Grande marmite", "Stock pot"),
        (
            "Soepketel van twintig liter voor een buurtfeest of een grote familie.",
            "Grande marmite de vingt litres pour une fête de quartier ou une grande famille.",
            "Twenty-litre stock pot for a street party or a large family.",
        ),
        copies=3,
    ),
    _tool(
        "keuken",
        ("Voedseldroger", "Déshydrateur", "Food dehydrator"),
        (
            "Voedseldroger met vijf roosters voor fruit, groenten en kruiden uit de tuin.",
            "Déshydrateur à cinq plateaux pour les fruits, les légumes et les herbes du jardin.",
            "Food dehydrator with five trays for fruit, vegetables and herbs from the garden.",
        ),
        models=("Severin",),
        copies=2,
    ),
    # Camping
    _camping(
        ("Kampeervuurtje", "Réchaud de camping", "Camping stove"),
        (
            "Gasvuurtje met één pit voor op kamp of op trektocht (gasbus niet inbegrepen).",
            "Réchaud à gaz à un feu pour le camping ou la randonnée (cartouche non comprise).",
            "Single-burner gas stove for camping or hiking (gas canister not included).",
        ),
        ("Windscherm", "Pare-vent", "Windshield"),
        ("Campingaz",),
        copies=4,
    ),
    _camping(
        ("Koelbox", "Glacière", "Cool box"),
        (
            "Koelbox van dertig liter met koelelementen.",
            "Glacière de trente litres avec blocs réfrigérants.",
            "Thirty-litre cool box with ice packs.",
        ),
        ("4 koelelementen", "4 blocs réfrigérants", "4 ice packs"),
        ("Coleman",),
        copies=4,
    ),
    _camping(
        ("Trekkingrugzak", "Sac à dos de randonnée", "Hiking backpack"),
        (
            "Rugzak van zestig liter met regenhoes, voor een meerdaagse tocht.",
            "Sac à dos de soixante litres avec housse de pluie, pour une randonnée de plusieurs jours.",
            "Sixty-litre backpack with rain cover, for a trek of several days.",
        ),
        ("Regenhoes", "Housse de pluie", "Rain cover"),
        ("Deuter", "Quechua"),
        copies=4,
    ),
    _camping(
        ("Luchtmatras", "Matelas gonflable", "Air mattress"),
        (
            "Tweepersoons luchtmatras met elektrische pomp, voor logés of op kamp.",
            "Matelas gonflable deux personnes avec pompe électrique, pour les invités ou le camping.",
            "Double air mattress with an electric pump, for guests or camping.",
        ),
        ("Pomp\nHerstelset", "Pompe\nKit de réparation", "Pump\nRepair kit"),
        ("Intex",),
        copies=4,
    ),
    _camping(
        ("Kampeerstoel", "Chaise de camping", "Camping chair"),
        (
            "Plooibare kampeerstoel met armleuningen en bekerhouder.",
            "Chaise de camping pliante avec accoudoirs et porte-gobelet.",
            "Folding camping chair with armrests and a cup holder.",
        ),
        copies=6,
    ),
    _camping(
        ("Tentharingen", "Sardines de tente", "Tent pegs"),
        (
            "Set van twintig stalen haringen met hamer, voor wie er bij zijn eigen tent te weinig heeft.",
            "Lot de vingt sardines en acier avec maillet, pour qui en manque pour sa propre tente.",
            "Set of twenty steel pegs with a mallet, for when your own tent is short of them.",
        ),
        ("20 haringen\nHamer", "20 sardines\nMaillet", "20 pegs\nMallet"),
        copies=4,
    ),
    # Party
    _tool(
        "feestmateriaal",
        ("Partytent", "Tente de réception", "Gazebo"),
        (
            "Partytent van drie op zes meter met zijwanden, voor een tuinfeest of een markt.",
            "Tente de réception de trois mètres sur six avec parois, pour une fête au jardin ou un marché.",
            "Three-by-six-metre gazebo with side walls, for a garden party or a market.",
        ),
        (
            "Zijwanden\nHaringen\nSpanbanden",
            "Parois\nSardines\nSangles",
            "Side walls\nPegs\nStraps",
        ),
        copies=3,
        deposit=50,
    ),
    _tool(
        "feestmateriaal",
        ("Klaptafel", "Table pliante", "Folding table"),
        (
            "Plooitafel van 180 centimeter voor acht personen.",
            "Table pliante de 180 centimètres pour huit personnes.",
            "Folding table of 180 centimetres, seating eight.",
        ),
        copies=6,
    ),
    _tool(
        "feestmateriaal",
        ("Biertafelset", "Set brasserie", "Beer table set"),
        (
            "Biertafel met twee banken, plooibaar, voor een buurtfeest.",
            "Table de brasserie avec deux bancs, pliante, pour une fête de quartier.",
            "Beer table with two benches, folding, for a street party.",
        ),
        ("Tafel\n2 banken", "Table\n2 bancs", "Table\n2 benches"),
        copies=6,
    ),
    _tool(
        "feestmateriaal",
        ("Lichtslinger", "Guirlande lumineuse", "String lights"),
        (
            "Lichtslinger van twintig meter met grote lampjes, voor buiten.",
            "Guirlande lumineuse de vingt mètres avec grosses ampoules, pour l'extérieur.",
            "Twenty-metre outdoor string lights with large bulbs.",
        ),
        copies=4,
    ),
    _tool(
        "feestmateriaal",
        ("Popcornmachine", "Machine à popcorn", "Popcorn machine"),
        (
            "Popcornmachine in kermisstijl voor een kinderfeest of een filmavond.",
            "Machine à popcorn style fête foraine pour un anniversaire d'enfant ou une soirée cinéma.",
            "Fairground-style popcorn machine for a children's party or a film night.",
        ),
        ("Maatschep\nZakjes", "Doseur\nCornets", "Scoop\nBags"),
        copies=2,
    ),
    # Accessories beside the things they go with
    ProductType(
        "velootje",
        "helmen-en-accessoires",
        "VE",
        ("Fietspomp", "Pompe à vélo", "Bike pump"),
        (
            "Staande fietspomp met drukmeter, voor alle ventielen.",
            "Pompe à vélo sur pied avec manomètre, pour toutes les valves.",
            "Floor bike pump with a pressure gauge, for every valve.",
        ),
        models=("SKS", "Topeak"),
        copies=3,
        colour=VELOOTJE,
    ),
    ProductType(
        "velootje",
        "helmen-en-accessoires",
        "VE",
        ("Fietsstoeltje", "Siège vélo enfant", "Child bike seat"),
        (
            "Fietsstoeltje voor achterop, voor een kind tot 22 kilo.",
            "Siège vélo enfant à l'arrière, pour un enfant jusqu'à 22 kilos.",
            "Rear child bike seat, for a child up to 22 kilos.",
        ),
        models=("Thule Yepp", "Bobike"),
        copies=4,
        ages=(9, 72),
        colour=VELOOTJE,
    ),
    _tool(
        "boren-en-schroeven",
        ("Borenset", "Coffret de forets", "Drill bit set"),
        (
            "Koffer met boren voor hout, metaal en steen, van 3 tot 10 millimeter.",
            "Coffret de forets pour le bois, le métal et la pierre, de 3 à 10 millimètres.",
            "Case of drill bits for wood, metal and masonry, from 3 to 10 millimetres.",
        ),
        models=("Bosch", "Makita"),
        copies=4,
    ),
]
