"""Demo texts of the legally required pages (home.LegalPage), in Dutch (0) and English (1).

Written from what the portal does (docs/privacy/): what is stored, for how long, who reads it. A
municipality adapts names, addresses and dates before going live.
"""

CONTACT = "integriteitsbureau@gemeente.invalid"
PRIVACY_OFFICER = "privacy@gemeente.invalid"

# Each text: kind, slugs, titles, intros, sections of (heading pair, anchor, paragraph pairs).
TEXTS = [
    {
        "kind": "external_reporting",
        "slug": ("extern-melden", "external-reporting"),
        "title": ("Extern melden", "Reporting externally"),
        "intro": (
            "Je kunt een vermoeden van een misstand melden bij de gemeente, maar je mag ook direct "
            "extern melden. Je hoeft niet eerst intern te melden.",
            "You can report a suspected wrongdoing to the municipality, but you may also report it "
            "externally straight away. You do not have to report internally first.",
        ),
        "sections": [
            (
                ("Huis voor Klokkenluiders", "Whistleblowers Authority (Huis voor Klokkenluiders)"),
                "huis-voor-klokkenluiders",
                [
                    (
                        "Het Huis voor Klokkenluiders geeft vertrouwelijk advies over het melden van een "
                        "vermoeden van een misstand, kan een melding onderzoeken en onderzoekt ook of je "
                        'na een melding benadeeld bent. Zie <a href="https://www.huisvoorklokkenluiders.nl">'
                        "huisvoorklokkenluiders.nl</a>.",
                        "The Whistleblowers Authority gives confidential advice about reporting a "
                        "suspected wrongdoing, can investigate a report, and investigates whether you "
                        "were treated unfairly after reporting. See "
                        '<a href="https://www.huisvoorklokkenluiders.nl">huisvoorklokkenluiders.nl</a>.',
                    ),
                ],
            ),
            (
                ("Andere bevoegde autoriteiten", "Other competent authorities"),
                "bevoegde-autoriteiten",
                [
                    (
                        "De Wet bescherming klokkenluiders wijst deze autoriteiten aan om meldingen op hun "
                        "eigen terrein te ontvangen:<ul><li>Autoriteit Consument en Markt (ACM)</li>"
                        "<li>Autoriteit Financiële Markten (AFM)</li>"
                        "<li>Autoriteit Persoonsgegevens (AP)</li>"
                        "<li>De Nederlandsche Bank (DNB)</li><li>Huis voor Klokkenluiders</li>"
                        "<li>Inspectie Gezondheidszorg en Jeugd (IGJ)</li>"
                        "<li>Nederlandse Zorgautoriteit (NZa)</li>"
                        "<li>Autoriteit Nucleaire Veiligheid en Stralingsbescherming (ANVS)</li>"
                        "<li>organisaties en bestuursorganen die bij algemene maatregel van bestuur of "
                        "ministeriële regeling zijn aangewezen</li></ul>",
                        "The Dutch Whistleblowers Protection Act (Wet bescherming klokkenluiders) designates "
                        "these authorities to receive reports in their own field:<ul>"
                        "<li>Authority for Consumers and Markets (ACM)</li>"
                        "<li>Dutch Authority for the Financial Markets (AFM)</li>"
                        "<li>Dutch Data Protection Authority (AP)</li><li>De Nederlandsche Bank (DNB)</li>"
                        "<li>Whistleblowers Authority (Huis voor Klokkenluiders)</li>"
                        "<li>Health and Youth Care Inspectorate (IGJ)</li>"
                        "<li>Dutch Healthcare Authority (NZa)</li>"
                        "<li>Authority for Nuclear Safety and Radiation Protection (ANVS)</li>"
                        "<li>organisations and administrative bodies designated by order in council or "
                        "ministerial regulation</li></ul>",
                    ),
                    (
                        "Weet je niet welke autoriteit bevoegd is? Het Huis voor Klokkenluiders stuurt je "
                        "melding door of vertelt je waar je terecht kunt.",
                        "Not sure which authority is competent? The Whistleblowers Authority forwards your "
                        "report or tells you where to go.",
                    ),
                ],
            ),
            (
                ("Je bescherming", "Your protection"),
                "bescherming",
                [
                    (
                        "Wie te goeder trouw een vermoeden van een misstand meldt, intern of extern, is "
                        "beschermd tegen benadeling. Ook wie je helpt (een vertrouwenspersoon, een collega) "
                        "is beschermd. Advies vooraf vraag je bij een vertrouwenspersoon of het Huis voor "
                        "Klokkenluiders.",
                        "Whoever reports a suspected wrongdoing in good faith, internally or externally, is "
                        "protected against unfair treatment, and so are those who help you (a confidential "
                        "advisor, a colleague). Ask a confidential advisor or the Whistleblowers Authority "
                        "for advice first.",
                    ),
                ],
            ),
        ],
    },
    {
        "kind": "privacy_reporters",
        "slug": ("privacyverklaring-melders", "privacy-statement-reporters"),
        "title": ("Privacyverklaring voor melders", "Privacy statement for reporters"),
        "intro": (
            "Wat de gemeente bewaart als je een vermoedelijke integriteitsschending meldt, waarom, hoe "
            "lang en wie het leest.",
            "What the municipality keeps when you report a suspected integrity violation, why, for how "
            "long and who reads it.",
        ),
        "sections": [
            (
                ("Wat we bewaren", "What we keep"),
                "wat-we-bewaren",
                [
                    (
                        "Wat je in het formulier invult: het onderwerp, wat er is gebeurd, wanneer, het "
                        "organisatieonderdeel, de betrokken personen, bijlagen en, alleen als je dat wilt, "
                        "je contactgegevens. Alleen de dag van je melding, geen tijdstip. Bij een anonieme "
                        "melding slaan we geen naam, account, IP-adres, browser of sessie op en schrijven "
                        "we die ook niet in logbestanden. Bijlagen worden opnieuw opgebouwd uit beeldpunten, "
                        "zodat verborgen gegevens (zoals auteur of locatie) verdwijnen.",
                        "What you fill in: the subject, what happened, when, the department, the persons "
                        "involved, attachments and, only if you want to, your contact details. Only the day "
                        "of your report, no time. For an anonymous report we store no name, account, IP "
                        "address, browser or session, nor write them to logs. Attachments are rebuilt from "
                        "their pixels, so hidden data (such as author or location) is gone.",
                    ),
                ],
            ),
            (
                ("Waarom en op welke grond", "Why, and on what legal ground"),
                "grondslag",
                [
                    (
                        "Om je melding zorgvuldig te behandelen. De gemeente is wettelijk verplicht een "
                        "interne meldprocedure te hebben (Wet bescherming klokkenluiders); de verwerking is "
                        "nodig om die wettelijke plicht na te komen (artikel 6 lid 1 onder c AVG) en voor de "
                        "taak van algemeen belang van goed werkgeverschap en integer bestuur (onder e).",
                        "To handle your report carefully. The municipality must by law have an internal "
                        "reporting procedure (Whistleblowers Protection Act); processing is needed to meet "
                        "that legal obligation (Article 6(1)(c) GDPR) and for the public task of good "
                        "employment and honest government ((e)).",
                    ),
                ],
            ),
            (
                ("Wie het leest", "Who reads it"),
                "wie-leest-het",
                [
                    (
                        "Alleen het Integriteitsbureau. Meldingen zijn versleuteld opgeslagen, medewerkers "
                        "van het bureau bewijzen bij het inloggen een tweede factor en elke keer dat iemand "
                        "een melding opent, wordt vastgelegd. Beheerders kunnen zichzelf geen toegang geven.",
                        "Only the integrity office. Reports are stored encrypted, the office's staff prove a "
                        "second factor when signing in, and every time someone opens a report is recorded. "
                        "Administrators cannot give themselves access.",
                    ),
                ],
            ),
            (
                ("Hoe lang", "How long"),
                "bewaartermijn",
                [
                    (
                        "Vijf jaar nadat de melding is afgesloten verwijderen we de inhoud, je "
                        "contactgegevens, berichten en bijlagen. Alleen de gegevens voor de jaarcijfers "
                        "blijven (datum, onderwerp, organisatieonderdeel, uitkomst), zonder iets dat naar "
                        "jou of anderen herleidbaar is.",
                        "Five years after the report is closed we delete its content, your contact details, "
                        "messages and attachments. Only what the annual figures need stays (date, subject, "
                        "department, outcome), without anything that points to you or others.",
                    ),
                ],
            ),
            (
                ("Je rechten", "Your rights"),
                "rechten",
                [
                    (
                        "Je kunt inzage, correctie of verwijdering vragen via je ontvangstcode op de "
                        "opvolgpagina of bij de functionaris gegevensbescherming ("
                        f'<a href="mailto:{PRIVACY_OFFICER}">{PRIVACY_OFFICER}</a>). Een klacht kun je '
                        "indienen bij de Autoriteit Persoonsgegevens. Gegevens over anderen in een melding "
                        "geven we niet aan jou door, en een melding over jou wordt niet via een "
                        "inzageverzoek aan jou getoond als dat de melder of het onderzoek schaadt.",
                        "You can ask for access, correction or erasure through your receipt code on the "
                        "follow-up page or from the data protection officer ("
                        f'<a href="mailto:{PRIVACY_OFFICER}">{PRIVACY_OFFICER}</a>). You can complain to '
                        "the Dutch Data Protection Authority. We do not pass on data about others in a "
                        "report, and a report about you is not shown to you through an access request "
                        "where that would harm the reporter or the investigation.",
                    ),
                ],
            ),
        ],
    },
    {
        "kind": "privacy_employees",
        "slug": ("privacyverklaring-medewerkers", "privacy-statement-employees"),
        "title": ("Privacyverklaring voor medewerkers", "Privacy statement for employees"),
        "intro": (
            "Wat het integriteitsportaal over jou als medewerker bewaart, waarom en hoe lang.",
            "What the integrity portal keeps about you as an employee, why and for how long.",
        ),
        "sections": [
            (
                ("Wat we bewaren en hoe lang", "What we keep and for how long"),
                "wat-en-hoe-lang",
                [
                    (
                        "<ul><li>Je account (naam, e-mailadres, organisatieonderdeel, rollen) uit het "
                        "inlogsysteem van de gemeente, zolang je in dienst bent.</li>"
                        "<li>Aanmeldingen en aanwezigheid bij bijeenkomsten en evaluaties: twee jaar na "
                        "afloop van het jaar; daarna zonder naam en e-mailadres.</li>"
                        "<li>Je integriteitsverklaring (eed of belofte) bij de introductie: zeven jaar; "
                        "daarna zonder naam.</li><li>Leesbevestigingen van de gedragscode: zolang die versie "
                        "geldt, daarna twee jaar.</li><li>Incidenten van agressie die je registreert: vijf "
                        "jaar; daarna zonder beschrijving, locatie en naam.</li>"
                        "<li>Mislukte inlogpogingen: 30 dagen. Sessies: tot een dag na afloop.</li>"
                        "<li>Het auditlog van handelingen in het beheer: zeven jaar.</li>"
                        "<li>Zoektermen: alleen geteld per dag, nooit wie zocht; 90 dagen.</li></ul>",
                        "<ul><li>Your account (name, e-mail address, department, roles) from the "
                        "municipality's sign-in system, while you are employed.</li>"
                        "<li>Registrations and attendance at sessions and evaluations: two years after the "
                        "year ends; then without name and e-mail address.</li>"
                        "<li>Your integrity declaration (oath or affirmation) at the introduction: seven "
                        "years; then without name.</li><li>Read confirmations of the code of conduct: while "
                        "that version is in force, then two years.</li><li>Incidents of aggression you "
                        "register: five years; then without description, location and name.</li>"
                        "<li>Failed sign-ins: 30 days. Sessions: until a day after they end.</li>"
                        "<li>The audit log of actions in the admin: seven years.</li>"
                        "<li>Search terms: only counted per day, never who searched; 90 days.</li></ul>",
                    ),
                ],
            ),
            (
                ("Waarom en op welke grond", "Why, and on what legal ground"),
                "grondslag",
                [
                    (
                        "Voor het integriteitsbeleid van de gemeente als werkgever: de taak van algemeen "
                        "belang (artikel 6 lid 1 onder e AVG) en wettelijke plichten zoals de eed of belofte "
                        "(Ambtenarenwet 2017) en veilig werken (Arbowet).",
                        "For the municipality's integrity policy as an employer: the public task (Article "
                        "6(1)(e) GDPR) and legal obligations such as the oath or affirmation (Civil Servants "
                        "Act 2017) and safe working conditions (Working Conditions Act).",
                    ),
                ],
            ),
            (
                ("Je rechten", "Your rights"),
                "rechten",
                [
                    (
                        "Je kunt inzage, correctie of verwijdering vragen bij de functionaris "
                        f'gegevensbescherming (<a href="mailto:{PRIVACY_OFFICER}">{PRIVACY_OFFICER}</a>). '
                        "De beheerder stelt dan een overzicht samen van alles wat het portaal over jou "
                        "bewaart. Meldingen over jou horen daar niet bij: daarover beslist het "
                        "Integriteitsbureau apart, met bescherming van de melder. Een klacht kun je "
                        "indienen bij de Autoriteit Persoonsgegevens.",
                        "You can ask for access, correction or erasure from the data protection officer "
                        f'(<a href="mailto:{PRIVACY_OFFICER}">{PRIVACY_OFFICER}</a>). The administrator then '
                        "compiles everything the portal keeps about you. Reports about you are not part of "
                        "it: the integrity office decides on those separately, protecting the reporter. You "
                        "can complain to the Dutch Data Protection Authority.",
                    ),
                ],
            ),
        ],
    },
    {
        "kind": "accessibility",
        "slug": ("toegankelijkheidsverklaring", "accessibility-statement"),
        "title": ("Toegankelijkheidsverklaring", "Accessibility statement"),
        "intro": (
            "De gemeente wil dat iedereen het integriteitsportaal kan gebruiken. Deze verklaring volgt "
            "het model van de Rijksoverheid (Besluit digitale toegankelijkheid overheid).",
            "The municipality wants everyone to be able to use the integrity portal. This statement "
            "follows the Dutch government's model (Digital Accessibility (Government) Decree).",
        ),
        "sections": [
            (
                ("Status", "Status"),
                "status",
                [
                    (
                        "<strong>Voldoet gedeeltelijk</strong> (status B) aan de eisen van WCAG 2.1 niveau "
                        "AA (EN 301 549). Bij elke wijziging controleren geautomatiseerde tests met axe-core "
                        "in een echte browser alle soorten pagina's, ook op een scherm van 320 pixels breed.",
                        "<strong>Partially compliant</strong> (status B) with WCAG 2.1 level AA "
                        "(EN 301 549). With every change, automated tests with axe-core in a real browser "
                        "check every kind of page, also on a screen 320 pixels wide.",
                    ),
                ],
            ),
            (
                ("Bekende uitzonderingen", "Known exceptions"),
                "uitzonderingen",
                [
                    (
                        "<ul><li>De kop en het kruimelpad van de site passen op een smal scherm (320 pixels) "
                        "nog niet zonder horizontaal scrollen (succescriterium 1.4.10 Reflow). Wordt "
                        "opgelost in de volgende versie van de huisstijl.</li>"
                        "<li>De PDF-versie van de gedragscode heeft nog geen toegankelijke structuur "
                        "(tags). Dezelfde tekst staat toegankelijk op de pagina zelf.</li>"
                        "<li>Het beheer (Wagtail) is niet apart onderzocht.</li></ul>",
                        "<ul><li>The site header and breadcrumbs do not yet fit a narrow screen (320 pixels) "
                        "without scrolling sideways (success criterion 1.4.10 Reflow). To be fixed in the "
                        "next version of the house style.</li>"
                        "<li>The PDF version of the code of conduct has no accessible structure (tags) yet. "
                        "The same text is accessible on the page itself.</li>"
                        "<li>The admin (Wagtail) has not been evaluated separately.</li></ul>",
                    ),
                ],
            ),
            (
                ("Contact", "Contact"),
                "contact",
                [
                    (
                        "Loop je ergens tegenaan? Mail het Integriteitsbureau ("
                        f'<a href="mailto:{CONTACT}">{CONTACT}</a>); je krijgt binnen vijf werkdagen '
                        "antwoord. Ben je niet tevreden over de afhandeling, dan kun je je wenden tot de "
                        "Nationale ombudsman.",
                        "Did something not work for you? E-mail the integrity office ("
                        f'<a href="mailto:{CONTACT}">{CONTACT}</a>); you get an answer within five working '
                        "days. If you are not satisfied with how it was handled, you can turn to the "
                        "National Ombudsman.",
                    ),
                ],
            ),
        ],
    },
]
