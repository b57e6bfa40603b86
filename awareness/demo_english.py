# ruff: noqa: E501 - a table of texts: each Dutch text stays on one line, findable with grep
"""English texts of the demo's programme: titles and descriptions by their Dutch text.

The demo loader translates each programme item, the calendar and the edition with wagtail-localize
(`home.translation.translate_page`), as a translator would in the editor; a Dutch text missing here
leaves that page untranslated (the English calendar then shows the Dutch title, marked `lang="nl"`).
"""

TITLES = {
    "Kalender": "Calendar",
    "Week van de Weerbaarheid 2021": "Resilience Week 2021",
    "Expeditie Ondermijning in de stad": "Expedition: undermining crime in the city",
    "Masterclass over agressie en geweld": "Masterclass on aggression and violence",
    "Masterclass over gegevensbescherming": "Masterclass on data protection",
    "Gesprek over omgaan met druk in een ambtelijke setting": "Talk on dealing with pressure in a civil-service setting",
    "Presentatie over de Omgevingswet in relatie tot de aanpak Ondermijning": (
        "Presentation on the Environment and Planning Act and the approach to undermining crime"
    ),
    "Bezoek aan een hennepcontainer": "Visit to a cannabis container",
    "Online bedreigd: wat nu?": "Threatened online: what now?",
    "Phishing herkennen: is dat linkje veilig?": "Recognising phishing: is that link safe?",
    "Dilemmaspel integriteit": "Integrity dilemma game",
    "Weerbaar aan de balie": "Resilient at the front desk",
    "Lezing: ondermijning en de rol van de gemeente": "Lecture: undermining crime and the role of the municipality",
    "Moreel beraad in de praktijk": "Moral deliberation in practice",
    "In gesprek met de vertrouwenspersonen": "Meet the confidential advisers",
    "Veilig thuiswerken": "Working safely from home",
    "Weerbaar op sociale media": "Resilient on social media",
    "Masterclass integriteit en sociale media": "Masterclass on integrity and social media",
    "Phishing herkennen": "Recognising phishing",
    "Gesprek over omgaan met druk": "Talk on dealing with pressure",
}

TEXTS = {
    "Programma Integriteit en ongewenst gedrag": "Integrity and Unwanted Behaviour Programme",
    "Activiteiten over integriteit, agressie en geweld, gegevensbescherming en ondermijning, het hele jaar door.": (
        "Activities on integrity, aggression and violence, data protection and undermining, all year round."
    ),
    "Een week rond de thema's integriteit, agressie en geweld, gegevensbescherming en ondermijning.": (
        "A week on the themes of integrity, aggression and violence, data protection and undermining crime."
    ),
    "Een tocht door de stad langs plekken waar ondermijnende criminaliteit zichtbaar wordt, en wat je als ambtenaar kunt signaleren.": (
        "A walk through the city past places where undermining crime becomes visible, and what you can "
        "notice and pass on as a civil servant."
    ),
    "Wat doe je als een inwoner dreigt of scheldt? Over de-escaleren, grenzen stellen en melden.": (
        "What do you do when a resident threatens or swears at you? On de-escalating, setting limits and "
        "reporting."
    ),
    "Hoe ga je zorgvuldig om met persoonsgegevens van inwoners en collega's, en wat doe je bij een datalek?": (
        "How do you handle the personal data of residents and colleagues with care, and what do you do "
        "after a data breach?"
    ),
    "Een open gesprek over druk van buitenaf of van binnenuit, en hoe je integer blijft handelen.": (
        "An open conversation about pressure from outside or within, and how you keep acting with integrity."
    ),
    "Welke kansen en risico's biedt de Omgevingswet voor de aanpak van ondermijning?": (
        "What opportunities and risks does the Environment and Planning Act bring for tackling undermining crime?"
    ),
    "Zie met eigen ogen hoe een in beslag genomen hennepkwekerij in een container eruitziet.": (
        "See with your own eyes what a seized cannabis farm in a container looks like."
    ),
    "Je vertelde in een filmpje over een project en wordt nu online bedreigd. Wat kun je doen, en wie helpt je?": (
        "You talked about a project in a video and are now being threatened online. What can you do, and "
        "who helps you?"
    ),
    "Oefen met echte voorbeelden van phishingmails en leer waar je op let.": (
        "Practise with real examples of phishing e-mails and learn what to look out for."
    ),
    "Aan de hand van stellingen in gesprek over integriteitsdilemma's uit de praktijk.": (
        "A conversation about integrity dilemmas from practice, guided by statements."
    ),
    "Een training voor collega's met klantcontact: omgaan met agressie aan de balie en aan de telefoon.": (
        "A training for colleagues who deal with the public: handling aggression at the desk and on the phone."
    ),
    "Hoe raakt ondermijnende criminaliteit het werk van de gemeente, en wat kan ieder van ons doen?": (
        "How does undermining crime affect the municipality's work, and what can each of us do?"
    ),
    "Maak kennis met moreel beraad als werkvorm om met je team lastige afwegingen te bespreken.": (
        "Get to know moral deliberation as a way to discuss difficult choices with your team."
    ),
    "De vertrouwenspersonen vertellen wat ze doen en wanneer je bij hen terechtkunt.": (
        "The confidential advisers explain what they do and when you can turn to them."
    ),
    "Informatiebeveiliging aan de keukentafel: wat regel je thuis, en wat beter niet?": (
        "Information security at the kitchen table: what to arrange at home, and what better not to."
    ),
    "Over de ambtenaar op sociale media: wat deel je wel, wat niet, en wat doe je bij online intimidatie?": (
        "The civil servant on social media: what to share, what not to, and what to do about online "
        "intimidation?"
    ),
    "Wat deel je als ambtenaar op sociale media, en waar liggen de grenzen?": (
        "What do you share on social media as a civil servant, and where are the limits?"
    ),
    "Een korte online workshop over het herkennen van phishing, met echte voorbeelden.": (
        "A short online workshop on recognising phishing, with real examples."
    ),
    "Een tocht door de stad langs plekken waar ondermijnende criminaliteit zichtbaar wordt.": (
        "A walk through the city past places where undermining crime becomes visible."
    ),
    "Een gesprek voor leidinggevenden over druk van buitenaf op hun teams.": (
        "A conversation for managers about pressure from outside on their teams."
    ),
}
