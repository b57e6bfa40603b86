# ruff: noqa: E501 (long lines of prose are easier to edit whole)
"""Texts of the content room's demo: the code of conduct in Dutch and English, the investigation
protocol, the reporting rules, the VPD protocol, the confidential advisors and the awareness texts
of chapter 2 of the 2021 annual report. Names of people are fictional.

Bilingual texts are (Dutch, English) pairs; the loader builds the Dutch page and translates it with
wagtail-localize from the English halves.
"""

CODE_TITLE = ("Gedragscode", "Code of conduct")
CODE_SLUG = ("gedragscode", "code-of-conduct")
CODE_INTRO = (
    "In deze gedragscode staan de Utrechtse afspraken over integer werken. Ze helpen je begrijpen welk "
    "gedrag wel en niet gewenst is. Twijfel je? Bespreek het met je leidinggevende, een collega of een "
    "vertrouwenspersoon.",
    "This code of conduct sets out Utrecht's agreements on working with integrity. It helps you understand "
    "which behaviour is and is not acceptable. In doubt? Discuss it with your manager, a colleague or a "
    "confidential advisor.",
)

# Each chapter: anchor, (title nl, en), (intro nl, en), articles.
# Each article: number, anchor, (title nl, en), [(paragraph nl, en), ...], dilemmas.
CHAPTERS = [
    {
        "anchor": "omgaan-met-elkaar",
        "title": ("Omgaan met elkaar", "Dealing with each other"),
        "intro": (
            "Hoe we met collega's en inwoners omgaan, bepaalt of mensen zich veilig voelen bij de gemeente.",
            "How we treat colleagues and residents determines whether people feel safe at the municipality.",
        ),
        "articles": [
            {
                "number": "1.1",
                "anchor": "respect",
                "title": ("Respect", "Respect"),
                "text": [
                    (
                        "We behandelen collega's en inwoners met respect, ongeacht afkomst, geloof, gender, "
                        "seksuele oriëntatie, leeftijd of beperking.",
                        "We treat colleagues and residents with respect, regardless of origin, religion, "
                        "gender, sexual orientation, age or disability.",
                    ),
                ],
            },
            {
                "number": "1.2",
                "anchor": "ongewenste-omgangsvormen",
                "title": ("Geen ongewenste omgangsvormen", "No unwanted behaviour"),
                "text": [
                    (
                        "Intimidatie, pesten, discriminatie, seksuele intimidatie, agressie en geweld "
                        "accepteren we niet, niet van collega's en niet van inwoners.",
                        "We do not accept intimidation, bullying, discrimination, sexual harassment, "
                        "aggression or violence, neither from colleagues nor from residents.",
                    ),
                    (
                        "Heb je hiermee te maken? Praat erover met je leidinggevende of een vertrouwenspersoon.",
                        "Are you facing this? Talk about it with your manager or a confidential advisor.",
                    ),
                ],
            },
            {
                "number": "1.3",
                "anchor": "elkaar-aanspreken",
                "title": ("Elkaar aanspreken", "Speaking up"),
                "text": [
                    (
                        "Zie je gedrag dat niet past bij deze code, spreek de ander er dan op aan. "
                        "Lukt dat niet, dan meld je het.",
                        "If you see behaviour that does not fit this code, speak to the person concerned. "
                        "If that does not work, report it.",
                    ),
                ],
            },
        ],
    },
    {
        "anchor": "omgaan-met-belangen",
        "title": ("Omgaan met belangen", "Dealing with interests"),
        "intro": (
            "We werken voor het algemeen belang. Persoonlijke belangen mogen daar geen rol in spelen.",
            "We work for the public interest. Personal interests must play no part in it.",
        ),
        "articles": [
            {
                "number": "2.1",
                "anchor": "belangenverstrengeling",
                "title": ("Belangenverstrengeling", "Conflicts of interest"),
                "text": [
                    (
                        "Je neemt geen besluit en geeft geen advies over zaken waarbij jij, je familie of "
                        "vrienden een persoonlijk belang hebben. Meld zo'n belang bij je leidinggevende.",
                        "You take no decision and give no advice on matters in which you, your family or "
                        "friends have a personal interest. Report such an interest to your manager.",
                    ),
                ],
            },
            {
                "number": "2.2",
                "anchor": "geschenken-en-uitnodigingen",
                "title": ("Geschenken en uitnodigingen", "Gifts and invitations"),
                "text": [
                    (
                        "Geschenken met een waarde tot 50 euro mag je aannemen als je ze meldt bij je "
                        "leidinggevende. Geschenken op je huisadres neem je niet aan.",
                        "You may accept gifts worth up to 50 euros if you report them to your manager. "
                        "You do not accept gifts at your home address.",
                    ),
                    (
                        "Uitnodigingen voor reizen, diners of evenementen neem je alleen aan met toestemming "
                        "van je leidinggevende.",
                        "You accept invitations to trips, dinners or events only with your manager's consent.",
                    ),
                ],
                "dilemmas": [
                    {
                        "title": (
                            "Een kerstpakket van een leverancier",
                            "A Christmas hamper from a supplier",
                        ),
                        "situation": (
                            "Een leverancier met wie je team veel samenwerkt, stuurt je in december een "
                            "royaal kerstpakket.",
                            "A supplier your team works with a lot sends you a generous Christmas hamper "
                            "in December.",
                        ),
                        "questions": [
                            (
                                "Wat zou een inwoner ervan vinden als die het wist?",
                                "What would a resident think if they knew?",
                            ),
                            (
                                "Beïnvloedt het je oordeel bij de volgende opdracht?",
                                "Does it affect your judgement on the next contract?",
                            ),
                        ],
                        "links": [
                            ("Lees de meldregeling", "Read the reporting rules", "meldregeling"),
                            (
                                "Praat met een vertrouwenspersoon",
                                "Talk to a confidential advisor",
                                "vertrouwenspersonen",
                            ),
                        ],
                    }
                ],
            },
            {
                "number": "2.3",
                "anchor": "nevenwerkzaamheden",
                "title": ("Nevenwerkzaamheden", "Outside activities"),
                "text": [
                    (
                        "Werk je naast je baan bij de gemeente, betaald of onbetaald, meld dat dan vooraf. "
                        "Nevenwerk mag niet botsen met je functie.",
                        "If you work alongside your job at the municipality, paid or unpaid, report it in "
                        "advance. Outside work must not conflict with your position.",
                    ),
                ],
            },
        ],
    },
    {
        "anchor": "omgaan-met-spullen-van-de-gemeente",
        "title": ("Omgaan met spullen van de gemeente", "Dealing with municipal property"),
        "intro": (
            "Wat de gemeente bezit, is betaald met publiek geld. We gaan er zorgvuldig mee om.",
            "What the municipality owns was paid for with public money. We handle it with care.",
        ),
        "articles": [
            {
                "number": "3.1",
                "anchor": "gebruik-van-eigendommen",
                "title": ("Gebruik van eigendommen", "Use of property"),
                "text": [
                    (
                        "Je gebruikt materialen, voertuigen en apparatuur van de gemeente alleen voor je werk, "
                        "tenzij je leidinggevende anders heeft afgesproken.",
                        "You use the municipality's materials, vehicles and equipment for your work only, "
                        "unless your manager has agreed otherwise.",
                    ),
                ],
            },
            {
                "number": "3.2",
                "anchor": "declaraties-en-faciliteiten",
                "title": ("Declaraties en faciliteiten", "Expense claims and facilities"),
                "text": [
                    (
                        "Je declareert alleen kosten die je werkelijk hebt gemaakt voor je werk. Faciliteiten "
                        "zoals een OV-pas gebruik je volgens de afspraken.",
                        "You claim only costs you actually incurred for your work. You use facilities such "
                        "as a public transport pass as agreed.",
                    ),
                ],
            },
        ],
    },
    {
        "anchor": "omgaan-met-informatie",
        "title": ("Omgaan met informatie", "Dealing with information"),
        "intro": (
            "Inwoners vertrouwen ons hun gegevens toe. We gaan daar zorgvuldig en eerlijk mee om.",
            "Residents entrust us with their data. We handle it carefully and honestly.",
        ),
        "articles": [
            {
                "number": "4.1",
                "anchor": "vertrouwelijke-informatie",
                "title": ("Vertrouwelijke informatie", "Confidential information"),
                "text": [
                    (
                        "Je deelt vertrouwelijke informatie alleen met wie die voor het werk nodig heeft, en "
                        "gebruikt haar nooit voor eigen voordeel.",
                        "You share confidential information only with those who need it for their work, and "
                        "never use it for your own benefit.",
                    ),
                ],
            },
            {
                "number": "4.2",
                "anchor": "persoonsgegevens",
                "title": ("Persoonsgegevens", "Personal data"),
                "text": [
                    (
                        "Je raadpleegt alleen gegevens van inwoners en collega's die je voor je taak nodig hebt. "
                        "Nieuwsgierigheid is geen reden.",
                        "You look up only the data of residents and colleagues that you need for your task. "
                        "Curiosity is no reason.",
                    ),
                ],
            },
            {
                "number": "4.3",
                "anchor": "sociale-media",
                "title": ("Sociale media", "Social media"),
                "text": [
                    (
                        "Op sociale media ben je je ervan bewust dat je ook als medewerker van de gemeente wordt "
                        "gezien. Je deelt geen informatie uit je werk.",
                        "On social media you are aware that you are also seen as an employee of the "
                        "municipality. You share no information from your work.",
                    ),
                ],
            },
        ],
    },
]

DECLARATION_INTRO = (
    "Nieuwe medewerkers leggen bij de introductiebijeenkomst de integriteitsverklaring af: de eed of de belofte.",
    "New employees make the integrity declaration at the introduction meeting: the oath or the affirmation.",
)
OATH = (
    "Ik zweer dat ik de Grondwet en alle andere wetten zal naleven, dat ik mijn functie getrouw, eerlijk "
    "en zorgvuldig zal vervullen en dat ik mij zal houden aan de gedragscode van de gemeente.\n"
    "Zo waarlijk helpe mij God almachtig.",
    "I swear that I will abide by the Constitution and all other laws, that I will carry out my duties "
    "faithfully, honestly and carefully, and that I will keep to the municipality's code of conduct.\n"
    "So help me God Almighty.",
)
AFFIRMATION = (
    "Ik beloof dat ik de Grondwet en alle andere wetten zal naleven, dat ik mijn functie getrouw, eerlijk "
    "en zorgvuldig zal vervullen en dat ik mij zal houden aan de gedragscode van de gemeente.\n"
    "Dat verklaar en beloof ik.",
    "I promise that I will abide by the Constitution and all other laws, that I will carry out my duties "
    "faithfully, honestly and carefully, and that I will keep to the municipality's code of conduct.\n"
    "This I declare and affirm.",
)
# version, date, (summary nl, en), ask for confirmation again
CHANGES = [
    (
        "2.0",
        "2020-11-01",
        (
            "De gedragscode is geactualiseerd: nieuwe artikelen over sociale media en persoonsgegevens, "
            "en heldere regels voor geschenken.",
            "The code of conduct was updated: new articles on social media and personal data, and clear "
            "rules on gifts.",
        ),
        True,
    ),
    (
        "1.0",
        "2016-01-01",
        ("Eerste versie van de gedragscode.", "First version of the code of conduct."),
        False,
    ),
]
CODE_VERSION = "2.0"
CODE_EFFECTIVE = "2020-11-01"

# --- Reporting rules (meldregeling) ---------------------------------------------------------

REPORTING_INTRO = (
    "In het Handboek Utrechts Personeel staat de meldregeling: hoe je een vermoeden van een "
    "integriteitsschending meldt, wat je rechten als melder zijn en wat het Integriteitsbureau doet."
)
REPORTER_RIGHTS = [
    "Je melding wordt vertrouwelijk behandeld; je naam wordt niet zonder jouw toestemming gedeeld.",
    "Je mag anoniem melden.",
    "Je mag je laten bijstaan door een vertrouwenspersoon.",
    "Je ondervindt geen nadelen van een melding die je te goeder trouw doet.",
    "Je krijgt binnen vijf werkdagen een ontvangstbevestiging en hoort wat er met je melding gebeurt.",
]
WHERE_TO_REPORT = (
    "Je kunt een vermoeden melden bij je leidinggevende, bij een hogere leidinggevende of rechtstreeks bij "
    "het Integriteitsbureau. Wil je eerst overleggen? Neem contact op met een vertrouwenspersoon."
)
CONFIDENTIALITY = (
    "Iedereen die bij de behandeling van een melding betrokken is, houdt de informatie geheim. Alleen het "
    "Integriteitsbureau leest meldingen."
)
# What the portal cannot protect, said plainly on the reporting section page (docs/integrity-reports.md).
ANONYMITY_LIMITS_INTRO = (
    "Het portaal bewaart bij een melding geen naam, account, IP-adres, apparaat of tijdstip: alleen de dag. "
    "Bijlagen worden opnieuw opgebouwd uit beeldpunten, zodat er geen verborgen gegevens in achterblijven. "
    "Maar het portaal kan niet alles beschermen. Wil je echt anoniem blijven, let dan op het volgende."
)
ANONYMITY_LIMITS = [
    "Je eigen apparaat: een werklaptop of -telefoon van de gemeente kan worden beheerd en gevolgd. "
    "Meld liever vanaf een eigen apparaat.",
    "Het netwerk: binnen het netwerk van de gemeente kan zichtbaar zijn dat iemand het meldformulier opent, "
    "al is de inhoud versleuteld. Meld liever via je eigen internetverbinding, niet via de wifi van het werk.",
    "Je browser: gebruik een privévenster, dan blijft er geen geschiedenis van het formulier op je apparaat "
    "achter.",
    "Wat je schrijft: details die maar weinig mensen kennen, je schrijfstijl of het moment waarop je meldt, "
    "kunnen naar jou wijzen. Schrijf alleen wat nodig is om de melding te begrijpen.",
    "Je ontvangstcode: wie die heeft, kan je melding en de berichten lezen. Bewaar de code op een veilige "
    "plek, niet op een apparaat van het werk.",
]
REPORTING_FAQ = [
    ("Mag ik anoniem melden?", "Ja. Je kunt anoniem melden en je melding volgen met een ontvangstcode."),
    (
        "Wat als mijn leidinggevende zelf betrokken is?",
        "Meld dan bij een hogere leidinggevende of rechtstreeks bij het Integriteitsbureau.",
    ),
    (
        "Wat gebeurt er met de collega over wie ik meld?",
        "Die wordt gehoord en krijgt de gelegenheid om te reageren (hoor en wederhoor) voordat er een conclusie is.",
    ),
]

# --- Investigation protocol ------------------------------------------------------------------

PROTOCOL_INTRO = (
    "Als iemand een vermoeden van een integriteitsschending heeft, is het essentieel dat we daar zorgvuldig "
    "mee omgaan. Het onderzoeksprotocol beschrijft hoe alle betrokkenen handelen vanaf het moment dat een "
    "signaal binnenkomt tot de afronding van een onderzoek, met de rechten en plichten van iedereen."
)
# title, actor, description, time limit, [(party, rights and duties)]
PROTOCOL_STEPS = [
    (
        "Signaal komt binnen",
        "Melder, leidinggevende",
        "Een medewerker, inwoner of samenwerkingspartner meldt een vermoeden bij een leidinggevende of het "
        "Integriteitsbureau.",
        "Direct",
        [
            (
                "reporter",
                "Meldt te goeder trouw; mag anoniem melden en zich laten bijstaan door een vertrouwenspersoon.",
            ),
            ("manager", "Neemt het signaal serieus en geeft het door aan het Integriteitsbureau."),
        ],
    ),
    (
        "Melding vastleggen",
        "Integriteitsbureau",
        "Het Integriteitsbureau legt de melding vertrouwelijk vast en stuurt de melder een ontvangstbevestiging.",
        "Binnen 5 werkdagen",
        [("integrity_office", "Legt vast, bewaakt de vertrouwelijkheid en informeert de melder.")],
    ),
    (
        "Vooronderzoek",
        "Integriteitsbureau",
        "Een vooronderzoek stelt vast of er genoeg aanleiding is voor een feitenonderzoek.",
        "Binnen 4 weken",
        [("integrity_office", "Verzamelt beschikbare informatie zonder de betrokkene al te horen.")],
    ),
    (
        "Besluit over feitenonderzoek",
        "Directeur (opdrachtgever)",
        "De directeur besluit op advies van het Integriteitsbureau of er een feitenonderzoek komt.",
        "Binnen 2 weken na het vooronderzoek",
        [
            (
                "person_concerned",
                "Wordt schriftelijk geïnformeerd over het onderzoek, tenzij dat het onderzoek schaadt.",
            ),
            ("manager", "Neemt waar nodig maatregelen om verdere schade te voorkomen."),
        ],
    ),
    (
        "Feitenonderzoek",
        "Onderzoekers",
        "Onafhankelijke onderzoekers horen de melder, getuigen en de betrokkene en leggen de gesprekken vast.",
        "In principe binnen 12 weken",
        [
            ("person_concerned", "Mag zich laten bijstaan en ontvangt het verslag van het eigen gesprek."),
            ("reporter", "Werkt mee aan het onderzoek als getuige."),
        ],
    ),
    (
        "Hoor en wederhoor",
        "Onderzoekers, betrokkene",
        "De betrokkene reageert op het conceptrapport voordat het wordt vastgesteld.",
        "2 weken",
        [("person_concerned", "Heeft het recht om op de bevindingen te reageren.")],
    ),
    (
        "Conclusie",
        "Directeur (opdrachtgever)",
        "De directeur stelt vast of er sprake is van een integriteitsschending en besluit over de gevolgen.",
        "Binnen 4 weken na het rapport",
        [
            ("person_concerned", "Hoort de conclusie en de eventuele arbeidsrechtelijke gevolgen."),
            ("reporter", "Hoort dat het onderzoek is afgerond."),
        ],
    ),
    (
        "Afronding en nazorg",
        "Leidinggevende, Integriteitsbureau",
        "Nazorg voor melder, betrokkene en team; het Integriteitsbureau registreert de afloop en trekt lessen.",
        "",
        [("integrity_office", "Registreert de afloop en deelt lessen met de organisatie.")],
    ),
]

# --- VPD protocol ----------------------------------------------------------------------------

VPD_INTRO = (
    "Het protocol Veilige Publieke Dienstverlening beschrijft de aanpak bij agressie en geweld van inwoners "
    "tegen medewerkers (publieksagressie) voor de hele gemeentelijke organisatie, inclusief bestuurders. De nadruk ligt op preventie en op de "
    "afhandeling van incidenten."
)
# phase, title, actor, description, time limit
VPD_STEPS = [
    (
        "Voorkomen",
        "Risico's in beeld",
        "Leidinggevende",
        "Het team brengt risico's in het werk met inwoners in kaart: aan de balie, aan de telefoon en op straat.",
        "Jaarlijks",
    ),
    (
        "Voorkomen",
        "Teaminstructie",
        "Leidinggevende",
        "Het team legt afspraken vast in een teaminstructie VPD en oefent ze.",
        "Jaarlijks herzien",
    ),
    (
        "Tijdens een incident",
        "Grenzen stellen",
        "Medewerker",
        "De medewerker benoemt de grens en waarschuwt; bij gevaar haalt hij hulp.",
        "Direct",
    ),
    (
        "Tijdens een incident",
        "Hulp inschakelen",
        "Collega's, beveiliging",
        "Collega's komen bij; bij direct gevaar wordt 112 gebeld.",
        "Direct",
    ),
    (
        "Na een incident",
        "Registreren in het GIR",
        "Medewerker, leidinggevende",
        "Het incident wordt geregistreerd in het Gemeentelijk Incident Registratiesysteem.",
        "Binnen 24 uur",
    ),
    (
        "Na een incident",
        "Opvang",
        "Bedrijfsopvangteam",
        "Het bedrijfsopvangteam biedt collegiale opvang.",
        "Binnen 48 uur",
    ),
    (
        "Na een incident",
        "Dadergerichte aanpak",
        "Leidinggevende",
        "Aangifte, een waarschuwingsbrief of een incidentgesprek met de dader.",
        "Binnen 2 weken",
    ),
]

# --- Contacts --------------------------------------------------------------------------------

INTEGRITY_OFFICE = {
    "name": "Integriteitsbureau",
    "role": "Meldpunt en advies integriteit",
    "phone": "030 000 00 00",
    "email": "integriteitsbureau@gemeente.invalid",
    "availability": "Maandag tot en met vrijdag, 9.00 tot 17.00 uur",
}
PEER_SUPPORT = {
    "name": "Bedrijfsopvangteam",
    "role": "Collegiale opvang na een ingrijpende gebeurtenis",
    "phone": "030 000 00 01",
    "email": "bedrijfsopvangteam@gemeente.invalid",
    "availability": "Elke werkdag bereikbaar",
}
# Thirteen confidential advisors (fictional), with the department they work in (annual report 5.2).
CONFIDENTIAL_ADVISORS = [
    ("Anouk Bakker", "Werk & Inkomen"),
    ("Bas de Vries", "Stadsbedrijven"),
    ("Carmen Jansen", "Stadsbedrijven"),
    ("Daan Visser", "Vergunningen, Toezicht & Handhaving"),
    ("Esra Yilmaz", "Publiekszaken"),
    ("Frank Mulder", "Ruimte"),
    ("Gerda Smit", "Volksgezondheid"),
    ("Hamid El Amrani", "Wijken"),
    ("Ingrid Bos", "Maatschappelijke Ontwikkeling"),
    ("Jeroen Dekker", "Openbare Orde en Veiligheid"),
    ("Karin Peters", "BSN"),
    ("Lotte Hendriks", "Werk & Inkomen"),
    ("Mohamed Bouali", "Stadsbedrijven"),
]
ADVISORS_INTRO = (
    "Er zijn binnen de gemeente 13 collega's actief als vertrouwenspersoon. Deze rol vervullen ze naast "
    "hun reguliere functie. Gesprekken met een vertrouwenspersoon zijn vertrouwelijk: we registreren alleen "
    "het aantal gesprekken, het thema en het organisatieonderdeel, nooit namen."
)

# --- Awareness (chapter 2) -------------------------------------------------------------------

INTRODUCTION_TEXT = [
    "Bij de gemeente Utrecht starten elk jaar honderden nieuwe medewerkers, met elk hun eigen achtergrond en "
    "ervaring. Voor al deze nieuwe collega's zorgen we voor een goede basis voor integer werken. Die basis "
    "ontvangen ze allereerst in de vorm van de gedragscode, waarin de Utrechtse integriteitsafspraken zijn "
    "vastgelegd.",
    "Kort na hun start nemen nieuwe medewerkers deel aan de gemeentebrede introductiedag. Een lid van de "
    "directieraad leidt deze dag in door te vertellen wat het betekent om ambtenaar te zijn. Aan de hand van "
    "stellingen gaan de nieuwe medewerkers met elkaar in gesprek over integriteitsdilemma's. Tot slot spreken "
    "alle nieuwe medewerkers om beurten de integriteitsverklaring uit.",
    "In 2021 heeft de gemeente dertien introductiebijeenkomsten georganiseerd. Hier waren in totaal 497 nieuwe "
    "collega's bij aanwezig. Door de coronamaatregelen vonden elf bijeenkomsten digitaal plaats.",
]
AWARENESS_FIGURES = [
    ["Activiteit", "Aantallen"],
    [
        "Introductie nieuwe medewerkers",
        "497 nieuwe collega's die de integriteitsverklaring afleggen; 13 introductiebijeenkomsten",
    ],
    [
        "Week van de Weerbaarheid",
        "227 deelnemers; 15 programmaonderdelen; in totaal 298 inschrijvingen op programmaonderdelen",
    ],
]
WEEK_TEXT = [
    "In 2021 hebben we de Utrechtse Week van de Weerbaarheid georganiseerd rondom de thema's integriteit, "
    "agressie en geweld, gegevensbescherming en ondermijning. 227 Utrechtse collega's namen deel aan "
    "tenminste één activiteit.",
    "Uit de evaluatie blijkt dat het effectiever is om de activiteiten over het jaar te verspreiden. Vanaf "
    "2022 werken we daarom met een communicatie- en interventiekalender.",
]
WEEK_QUOTES = [
    "Het zet je aan tot nadenken",
    "Goed initiatief en veel en divers aanbod",
    "Ik heb echt iets geleerd",
]
DAILY_WORK_TEXT = (
    "De introductiebijeenkomst en de Week van de Weerbaarheid laten medewerkers uit de hele organisatie met "
    "elkaar in gesprek gaan. Maar integriteit en ongewenst gedrag vragen ook aandacht binnen teamverband. "
    "Gesprekken met directe collega's met vergelijkbare ervaringen helpen om gezamenlijk te bepalen hoe te "
    "handelen."
)
DAILY_WORK_EXAMPLES = [
    "Bij Werk & Inkomen is een sessie georganiseerd voor medewerkers van het Werkgeversservicepunt, die veel "
    "samenwerken met collega's van het UWV.",
    "Bij Publiekszaken gaat de IRM elke zes weken in gesprek met nieuwe collega's over integriteitsvraagstukken.",
    "Bij Ruimte zijn dilemma's behandeld aan de hand van de methodiek van Morele Oordeelsvorming.",
    "Bij een van de zwembaden (Stadsbedrijven) zijn sessies georganiseerd over omgangsvormen.",
]
