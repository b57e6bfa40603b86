"""Journey: a signed-out visitor finds how to report; an employee opens their personal home page,
takes a section's primary action and answers "Was deze pagina nuttig?", at phone (375 px) and
desktop (1280 px) width. Every page is checked with axe (WCAG 2.2 AA) and for horizontal overflow."""

from home.feedback import PageFeedback
from portal.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in

WIDTHS = (375, 1280)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_personal_home_section_action_and_page_feedback(page, axe, live_demo_content):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/nl/")
        public = page.get_by_role("region", name="Zonder in te loggen")
        assert public.get_by_role("link", name="Iets melden").is_visible()
        assert public.get_by_role("link", name="Je melding volgen").is_visible()
        assert fits(page), width
        axe(page, f"sign-in page with the public version ({width} px)", wcag22=True)

    sign_in(page, "medewerker", DEMO_PASSWORD)
    page.wait_for_url("**/nl/")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto("/nl/")
        main = page.get_by_role("main")
        quick = main.get_by_role("navigation", name="Snel naar")
        for action in ("Iets melden", "Vertrouwenspersoon spreken", "Agenda"):
            assert quick.get_by_role("link", name=action, exact=True).is_visible(), action
        for heading in (
            "Nog te lezen en bevestigen",
            "Mijn sessies en wachtlijsten",
            "Teaminstructie VPD",
            "Recent gewijzigd",
        ):
            assert main.get_by_role("heading", name=heading).is_visible(), heading
        must_read = main.get_by_role("region", name="Nog te lezen en bevestigen")
        assert must_read.get_by_role("link", name="Gedragscode").is_visible()
        assert fits(page), width
        axe(page, f"personal home page ({width} px)", wcag22=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("navigation", name="Snel naar").get_by_role("link", name="Agenda").click()
    page.wait_for_url("**/nl/bewustwording/kalender/")

    page.goto("/nl/melden/")
    page.get_by_role("main").get_by_role("link", name="Iets melden", exact=True).click()
    page.wait_for_url("**/nl/melding/")

    page.goto("/nl/heldere-afspraken/meldregeling/")
    feedback = page.get_by_role("region", name="Was deze pagina nuttig?")
    feedback.get_by_label("Toelichting (niet verplicht)").fill("Duidelijk, maar noem de termijnen eerder.")
    axe(page, "content page with page feedback (375 px)", wcag22=True)
    feedback.get_by_role("button", name="Ja, nuttig").click()
    page.wait_for_url("**/nl/heldere-afspraken/meldregeling/#paginafeedback")
    assert page.get_by_text("Dank je wel voor je reactie.").is_visible()
    assert fits(page)

    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    feedback = page.get_by_role("region", name="Was deze pagina nuttig?")
    assert feedback.get_by_text("Je hebt al gereageerd op deze versie van de pagina.").is_visible()
    assert feedback.get_by_role("button").count() == 0
    axe(page, "content page after answering (1280 px)", wcag22=True)
    (answer,) = PageFeedback.objects.all()
    assert answer.useful and answer.comment == "Duidelijk, maar noem de termijnen eerder."

    page.goto("/nl/melden/vertrouwenspersonen/")
    assert page.get_by_role("region", name="Was deze pagina nuttig?").count() == 0

    page.goto("/en/")
    assert page.get_by_role("heading", name="To read and confirm").is_visible()
    assert (
        page.get_by_role("navigation", name="Quick links")
        .get_by_role("link", name="Report something")
        .is_visible()
    )
    axe(page, "personal home page (en, 1280 px)", wcag22=True)
