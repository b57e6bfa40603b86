"""Search benchmark: 10,000 generated pages in a throwaway database, median latency over queries.

    make bench-search                     # SQLite in a temporary folder (deleted afterwards)
    BENCH_PAGES=2000 make bench-search    # fewer pages for a quick look
    BENCH_DATABASE_URL=postgres://…/throwaway make bench-search   # an EMPTY database you can lose

Pages are created with automatic indexing off and then indexed in bulk (`update_index`), as an
import would. Reported: the median (and p90) time of the search itself (count plus the first page
of results) and of the whole results page (the view, as a signed-in employee), per query.
This is a script, not a test: timings depend on the machine.
"""

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = int(os.environ.get("BENCH_PAGES", "10000"))
PER_PARENT = 100
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))

QUERIES = [
    "melden",
    "ov-pas",
    "agressie balie",
    "eed of belofte",
    "vertrouwenspersoon",
    "integriteit",
    "belangenverstrengeling",
    "gedragscode nevenwerkzaamheden",
    "weerbaarheid training",
    "pesten discriminatie",
    "geheimhouding",
    "onbestaandwoord",
]

WORDS = [
    "integriteit",
    "melding",
    "melden",
    "vertrouwenspersoon",
    "gedragscode",
    "protocol",
    "agressie",
    "geweld",
    "balie",
    "belangenverstrengeling",
    "nevenwerkzaamheden",
    "geschenken",
    "uitnodigingen",
    "geheimhouding",
    "ov-pas",
    "eed",
    "belofte",
    "ambtenaar",
    "leidinggevende",
    "onderzoek",
    "vooronderzoek",
    "weerbaarheid",
    "training",
    "discriminatie",
    "pesten",
    "intimidatie",
    "ondermijning",
    "gegevensbescherming",
    "privacy",
    "team",
    "instructie",
    "veiligheid",
    "incident",
    "opvang",
    "collega",
    "gemeente",
    "afspraak",
    "regel",
    "organisatie",
    "dienstverlening",
]
FILLER = [
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "voor",
    "met",
    "bij",
    "als",
    "dat",
    "die",
    "is",
    "zijn",
    "wordt",
    "worden",
    "over",
    "naar",
    "door",
    "we",
    "je",
    "ook",
    "niet",
    "maar",
    "om",
    "of",
    "dan",
    "nog",
    "al",
    "wel",
    "hier",
    "daar",
    "altijd",
    "soms",
    "vaak",
    "samen",
    "goed",
]


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.35 else rng.choice(FILLER) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings

    # Index in bulk after generating, instead of one page at a time.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False


def generate(rng: random.Random) -> None:
    from django.db import transaction
    from wagtail.rich_text import RichText

    from home.models import ContentPage
    from tests.search.factories import dutch_home

    home = dutch_home()
    made = 0
    started = time.perf_counter()
    with transaction.atomic():
        while made < PAGES:
            section = ContentPage(title=f"Onderdeel {made // PER_PARENT}", slug=f"o{made}")
            parent = home.add_child(instance=section)
            made += 1
            for _ in range(min(PER_PARENT - 1, PAGES - made)):
                body = " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(4, 10)))
                parent.add_child(
                    instance=ContentPage(
                        title=sentence(rng, rng.randint(2, 6))[:-1],
                        slug=f"p{made}",
                        intro=sentence(rng, 20),
                        body=[("paragraph", RichText(f"<p>{body}</p>"))],
                    )
                )
                made += 1
    print(f"generated {made} pages in {time.perf_counter() - started:.1f} s")


def measure() -> None:
    from django.core.management import call_command
    from django.test import Client, RequestFactory
    from django.utils import translation

    from search import services
    from tests.portal.factories import UserFactory

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    print(f"indexed in {time.perf_counter() - started:.1f} s")

    user = UserFactory(username="bench")
    request = RequestFactory().get("/nl/zoeken/")
    request.user = user
    request.session = {}
    client = Client()
    client.force_login(user)

    search_times, view_times = [], []
    print(f"\n{'query':<34}{'results':>8}{'search ms':>12}{'page ms':>10}")
    with translation.override("nl"):
        for query_text in QUERIES:
            query = services.clean_query(query_text)
            per_search, per_view = [], []
            count = 0
            for _ in range(ROUNDS):
                t0 = time.perf_counter()
                results = services.search_pages(services.searchable_pages(request), query)
                count = results.count()
                list(results[:10])
                per_search.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                response = client.get("/nl/zoeken/", {"q": query_text})
                per_view.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    raise SystemExit(f"results page failed for {query_text!r}: {response.status_code}")
            search_times += per_search
            view_times += per_view
            print(
                f"{query_text:<34}{count:>8}{statistics.median(per_search) * 1000:>12.1f}"
                f"{statistics.median(per_view) * 1000:>10.1f}"
            )

    def p90(values):
        return statistics.quantiles(values, n=10)[-1]

    print(
        f"\n{PAGES} pages, {len(QUERIES)} queries x {ROUNDS} rounds\n"
        f"search (count + first page): median {statistics.median(search_times) * 1000:.1f} ms, "
        f"p90 {p90(search_times) * 1000:.1f} ms\n"
        f"results page (whole view):   median {statistics.median(view_times) * 1000:.1f} ms, "
        f"p90 {p90(view_times) * 1000:.1f} ms"
    )


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)
    database_url = os.environ.get("BENCH_DATABASE_URL", "")
    tmp = None
    if not database_url:
        tmp = tempfile.mkdtemp(prefix="bench-search-")
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
    try:
        setup_django(database_url)
        from django.core.management import call_command
        from django.db import connection

        print(f"database: {connection.vendor} ({'temporary' if tmp else database_url.split('@')[-1]})")
        call_command("migrate", verbosity=0, interactive=False)
        generate(random.Random(2021))  # noqa: S311 - reproducible text, not security
        measure()
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
