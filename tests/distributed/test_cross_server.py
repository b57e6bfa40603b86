"""Two app servers behind nginx, one task worker, shared PostgreSQL and Redis (scripts/cluster.sh).

What one server does, the other honours at once: a publish, a sign-out, a deactivation; a report's
final step sent to both at the same moment is stored once; simultaneous sign-ups on both servers
never exceed a session's capacity; the worker sends the confirmations. Each test first shows the
state before the change on the *other* server, so a stale answer there would fail it.
"""

import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.distributed.conftest import MAIL_DIR, Browser

pytestmark = pytest.mark.usefixtures("cluster_db")


def at_once(actions):
    """Run the callables in threads released together; their results in order."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index):
        barrier.wait()
        results[index] = actions[index]()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_nginx_spreads_requests_over_both_servers(servers):
    from tests.distributed.conftest import CLUSTER_URL

    browser = Browser()
    answered = {browser.get(CLUSTER_URL + "/healthz").headers["X-Upstream"] for _ in range(4)}
    assert answered == {server.removeprefix("http://") for server in servers}


def test_a_publish_on_one_server_shows_on_the_other_at_once(servers, make_person):
    from portal.roles import Role
    from tests.home.factories import content_page

    first, second = servers
    slug = f"cluster-{uuid.uuid4().hex[:8]}"
    page = content_page(slug=slug, title="Versie een")
    page.title = "Versie twee"
    page.save_revision()  # a draft: not shown until published
    reader, editor = Browser(), Browser()
    reader.sign_in(second, make_person())
    editor.sign_in(first, make_person(Role.EDITOR))
    url = page.get_url()
    for base in servers:  # both servers have the page (and their page cache holds it)
        assert "Versie een" in reader.get(base + url).text
        assert "Versie een" in reader.get(base + url).text

    action = f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}"
    confirm = editor.get(first + action)
    assert confirm.status_code == 200, confirm.status_code
    assert editor.post(first + action, confirm.text, {}).status_code == 302

    answer = reader.get(second + url).text
    assert "Versie twee" in answer and "Versie een" not in answer


def test_a_sign_out_on_one_server_ends_the_session_on_the_other(servers, make_person):
    first, second = servers
    browser = Browser()
    browser.sign_in(first, make_person())
    page = browser.get(second + "/nl/bewustwording/mijn-aanmeldingen/")
    assert page.status_code == 200  # signed in on the other server too
    assert browser.post(first + "/nl/account/logout/", page.text, {}).status_code == 302
    after = browser.get(second + "/nl/bewustwording/mijn-aanmeldingen/")
    assert after.status_code == 302 and "/account/login/" in after.headers["Location"]


def test_a_deactivated_person_is_signed_out_on_every_server(servers, make_person):
    """The deactivation is a save of the user in another process (here: this one, as an admin's
    action on a third server would be); both servers refuse the session at once."""
    person = make_person()
    browsers = [Browser(), Browser()]
    for browser, base in zip(browsers, servers, strict=True):
        browser.sign_in(base, person)
        assert browser.get(base + "/nl/").status_code == 200
    person.is_active = False
    person.save()
    for browser, base in zip(browsers, servers, strict=True):
        for other in servers:  # each session on its own server and on the other one
            answer = browser.get(other + "/nl/")
            assert answer.status_code == 302 and "/account/login/" in answer.headers["Location"], base


class PageBrowser(Browser):
    """The interface of tests/forms/test_two_servers.py's client: `get` returns the page's text."""

    def get(self, url: str) -> str:
        response = super().get(url)
        assert response.status_code == 200, response.status_code
        return response.text


def final(browser, base, page, fields):
    return lambda: browser.post(base + "/nl/melding/", page, fields)


def test_a_report_sent_to_both_servers_at_once_is_stored_once(servers):
    from forms.models import IntegrityReport
    from tests.forms.test_two_servers import draft, review_page

    first = servers[0]
    for number in range(3):
        browser = PageBrowser(f"198.51.100.{number + 10}")
        page = review_page(browser, first)
        final_step = {"step": "3", "draft": draft(page)}
        before = IntegrityReport.objects.count()
        answers = at_once([final(browser, base, page, final_step) for base in servers])
        assert IntegrityReport.objects.count() - before == 1
        texts = [answer.text for answer in answers]
        assert sum('id="receipt-code"' in text for text in texts) == 1
        assert sum("Deze melding is al verstuurd" in text for text in texts) == 1


def test_simultaneous_sign_ups_on_both_servers_keep_the_capacity_and_the_worker_mails(servers, make_person):
    from awareness.models import ProgrammeItemPage, Registration, Session
    from tests.awareness.factories import calendar_page, in_days

    item = ProgrammeItemPage(
        title="Clustersessie", slug=f"cluster-{uuid.uuid4().hex[:8]}", description="<p>x</p>"
    )
    calendar_page().add_child(instance=item)
    item.save_revision().publish()
    session = Session.objects.create(
        item=item,
        start=in_days(5),
        end=in_days(5, hour=17),
        format="on_site",
        location="Stadskantoor",
        capacity=3,
    )
    people = [make_person() for _ in range(8)]
    browsers = []
    for number, person in enumerate(people):
        browser, base = Browser(), servers[number % 2]
        browser.sign_in(base, person)
        form = browser.get(f"{base}/nl/bewustwording/aanmelden/{session.pk}/")
        assert form.status_code == 200
        browsers.append((browser, base, form.text, person))

    answers = at_once(
        [
            lambda b=browser, base=base, form=form, p=person: b.post(
                f"{base}/nl/bewustwording/aanmelden/{session.pk}/",
                form,
                {"name": p.username, "email": p.email},
            )
            for browser, base, form, person in browsers
        ]
    )
    assert [answer.status_code for answer in answers] == [302] * 8
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 3 + ["waitlisted"] * 5

    # The worker sends the eight messages (a file each); the requests did not wait for them.
    wanted = {person.email for person in people}
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not wanted <= mailed_to():
        time.sleep(0.2)
    assert wanted <= mailed_to()


def mailed_to() -> set[str]:
    found = set()
    for file in Path(MAIL_DIR).glob("*.log"):
        for line in file.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                found.update(address.strip() for address in line[4:].split(","))
    return found


def test_the_statistics_follow_a_report_filed_on_the_other_server(servers, make_person):
    """The office reads this year's live figures on one server (twice: the second answer is the
    cached one); a report filed on the other server changes what the first server answers at once."""
    from django.utils import timezone

    from portal.mfa.demo import current_code, give_demo_totp
    from portal.roles import Role
    from tests.forms.test_two_servers import draft, review_page

    first, second = servers
    office = make_person(Role.INTEGRITY_OFFICE)
    give_demo_totp(office)
    browser = Browser()
    browser.sign_in(second, office)
    verify = browser.get(second + "/nl/account/tweede-factor/")
    assert verify.status_code == 200, verify.status_code
    assert (
        browser.post(second + "/nl/account/tweede-factor/", verify.text, {"code": current_code()}).status_code
        == 302
    )
    url = f"{second}/api/statistics/{timezone.localdate().year}.json?live=1"
    before = browser.get(url)
    assert before.status_code == 200, before.status_code
    assert browser.get(url).json() == before.json()  # served from the shared cache, unchanged

    reporter = PageBrowser("198.51.100.40")
    page = review_page(reporter, first)
    done = reporter.post(first + "/nl/melding/", page, {"step": "3", "draft": draft(page)})
    assert 'id="receipt-code"' in done.text

    assert browser.get(url).json() != before.json()
