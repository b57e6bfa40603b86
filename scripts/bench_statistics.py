"""Benchmark of the annual statistics (`make bench-stats`): a full year's figures over 1,000,000 records.

Builds a throwaway database (a temporary SQLite file, or `test_<name>` on the PostgreSQL server that
DATABASE_URL points to), generates records spread over years, sources, categories and departments
with `bulk_create` in one transaction, and reports the median time to compute a full year:

- cold: the statistics service with an empty cache (one grouped query per breakdown);
- warm: the same call served from the cache;
- naive: a Python loop over the same rows, counting in Python (the reference).

Each source contributes a *generator*: a function `(rows, years, departments) -> int` that
bulk-creates that many records of its own models, registered in `GENERATORS` under its provider's
dotted path. A provider in the registry without a generator is reported as not covered. Until the
record sources of the other apps are merged, a stand-in source (`BenchRecord`, a table that exists
only in the throwaway database, counted by two providers shaped like the public-aggression and
confidential-advisor providers) carries the records, next to the employee survey.

Usage: python scripts/bench_statistics.py [--rows 1000000] [--runs 5]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from forms.statistics import registry, service  # noqa: E402
from forms.statistics.base import StatisticsProvider, breakdown, department_breakdown  # noqa: E402

YEARS = list(range(2012, 2027))
TYPES = [
    ("verbale-agressie", "Verbale agressie"),
    ("intimidatie", "Intimidatie"),
    ("persoonlijke-bedreiging", "Persoonlijke bedreiging"),
    ("fysieke-agressie", "Fysieke agressie"),
    ("discriminatie", "Discriminatie"),
    ("vernieling", "Vernieling"),
    ("overig", "Overig"),
]
TOPICS = [("ongewenst-gedrag", "Ongewenst gedrag"), ("integriteit", "Integriteit"), ("overig", "Overig")]


class BenchRecord(models.Model):
    """A stand-in record (an incident or a conversation) that exists only in the benchmark's database."""

    source = models.CharField(max_length=12)
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=40)
    person = models.PositiveIntegerField()
    department = models.ForeignKey("home.Department", on_delete=models.CASCADE)

    class Meta:
        app_label = "statistics"
        db_table = "statistics_bench_record"
        # The indexes a source needs: its year filter first, then what it groups by.
        indexes = [
            models.Index(fields=["source", "year", "kind", "person"], name="bench_source_year_kind"),
            models.Index(fields=["source", "year", "department", "person"], name="bench_source_year_dept"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.year}"


class BenchAggressionProvider(StatisticsProvider):
    """Shaped like `vpd.figures.PublicAggressionProvider`."""

    path = ("public_aggression",)
    models = ("statistics.BenchRecord",)
    source = "aggression"

    def records(self, year):
        return BenchRecord.objects.filter(source=self.source, year=year)

    def compute(self, year):
        records = self.records(year)
        total = records.count()
        if not total:
            return None
        return {
            "total": total,
            "by_type": breakdown(records, "kind", TYPES),
            "by_department": department_breakdown(records),
        }

    def years(self):
        return set(BenchRecord.objects.filter(source=self.source).values_list("year", flat=True).distinct())

    def year_of(self, instance):
        return instance.year


class BenchAdvisorsProvider(BenchAggressionProvider):
    """Shaped like `forms.figures.ConfidentialAdvisorsProvider` (distinct colleagues)."""

    path = ("confidential_advisors",)
    source = "advisors"

    def compute(self, year):
        records = self.records(year)
        totals = records.aggregate(conversations=Count("*"), colleagues=Count("person", distinct=True))
        if not totals["conversations"]:
            return None
        return {
            "advisors": 13,
            "colleagues": totals["colleagues"],
            "conversations": totals["conversations"],
            "by_topic": breakdown(records, "kind", TOPICS, distinct="person"),
            "by_subtopic": [],
            "by_department": department_breakdown(records, distinct="person"),
        }


# --- generators: one per source, keyed by provider path -------------------------------------------


def generate_sample(rows: int, years: list[int], department_ids: list[int]) -> int:
    """Stand-in records: two thirds incidents, one third conversations."""
    rng = random.Random(2021)  # noqa: S311 (reproducible test data, not security)
    batch = []
    for n in range(rows):
        if n % 3:
            batch.append(
                BenchRecord(
                    source="aggression",
                    year=rng.choice(years),
                    kind=rng.choice(TYPES)[0],
                    person=n,
                    department_id=rng.choice(department_ids),
                )
            )
        else:
            batch.append(
                BenchRecord(
                    source="advisors",
                    year=rng.choice(years),
                    kind=rng.choice(TOPICS)[0],
                    person=rng.randrange(rows // 6 or 1),
                    department_id=rng.choice(department_ids),
                )
            )
        if len(batch) == 10_000:
            BenchRecord.objects.bulk_create(batch)
            batch = []
    BenchRecord.objects.bulk_create(batch)
    return rows


def generate_survey(rows: int, years: list[int], department_ids: list[int]) -> int:
    from forms.statistics.models import EmployeeSurvey

    EmployeeSurvey.objects.bulk_create(
        EmployeeSurvey(year=year, respondents=3000 + year, experienced=200 + year % 50) for year in years
    )
    return len(years)


BENCH_PROVIDERS = [
    "__main__.BenchAggressionProvider",
    "__main__.BenchAdvisorsProvider",
    "forms.statistics.figures.EmployeeSurveyProvider",
]
#: provider path -> (share of the records, generator). After merging a source, add its generator
#: here and its provider to BENCH_PROVIDERS in place of the stand-in with the same path; keep the
#: shares summing to 1.
GENERATORS: dict[str, tuple[float, Callable[[int, list[int], list[int]], int]]] = {
    "__main__.BenchAggressionProvider": (1.0, generate_sample),  # also the advisors' stand-in rows
    "__main__.BenchAdvisorsProvider": (0.0, lambda rows, years, department_ids: 0),
    "forms.statistics.figures.EmployeeSurveyProvider": (0.0, generate_survey),
}


def naive_year(year: int, all_rows: bool = False) -> dict:
    """The reference: loop over the year's records (or every record) in Python and count the figures."""
    aggression_total = 0
    by_type: Counter = Counter()
    by_department: Counter = Counter()
    conversations = 0
    people = set()
    people_by_department = defaultdict(set)
    records = BenchRecord.objects.all() if all_rows else BenchRecord.objects.filter(year=year)
    rows = records.values_list("source", "year", "kind", "person", "department__slug")
    for source, record_year, kind, person, department in rows.iterator(chunk_size=20_000):
        if record_year != year:
            continue
        if source == "aggression":
            aggression_total += 1
            by_type[kind] += 1
            by_department[department] += 1
        else:
            conversations += 1
            people.add(person)
            people_by_department[department].add(person)
    return {"total": aggression_total, "colleagues": len(people), "conversations": conversations}


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2021)
    parser.add_argument(
        "--queries", action="store_true", help="list each query of one cold run with its time"
    )
    options = parser.parse_args()

    database = settings.DATABASES["default"]
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.TemporaryDirectory(prefix="bench-stats-")
        database.setdefault("TEST", {})["NAME"] = str(Path(tmpdir.name) / "bench.sqlite3")
    database.setdefault("TEST", {})["MIGRATE"] = False  # create tables directly: throwaway database
    settings.CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "bench",
    }
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(STATISTICS_PROVIDERS=BENCH_PROVIDERS):
            run(options)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if tmpdir:
            tmpdir.cleanup()


def run(options) -> None:
    from home.demo import DEPARTMENTS
    from home.models import Department

    Department.objects.bulk_create(
        Department(name=name, slug=f"dept-{n}", abbreviation=abbreviation)
        for n, (name, abbreviation) in enumerate(DEPARTMENTS)
    )
    department_ids = list(Department.objects.values_list("pk", flat=True))
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    uncovered = [path for path in registry.provider_paths() if path not in GENERATORS]
    if uncovered:
        print("Providers without a generator (not measured):", ", ".join(uncovered))

    start = time.perf_counter()
    with transaction.atomic():
        generated = 0
        for path in registry.provider_paths():
            if path in GENERATORS:
                share, generate = GENERATORS[path]
                generated += generate(round(options.rows * share), YEARS, department_ids)
    print(f"Generated {generated:,} records over {len(YEARS)} years in {time.perf_counter() - start:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE statistics_bench_record")

    def cold():
        cache.clear()
        return service.report(options.year)

    if options.queries:
        log = []

        def record(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                log.append((time.perf_counter() - start, sql))

        with connection.execute_wrapper(record):
            cold()
        for seconds, sql in log:
            print(f"  {seconds * 1000:7.1f} ms  {sql[:160]}")

    def cold_year():
        cache.clear()
        return service.year_figures(options.year)

    cold_year_time, _ = timed(cold_year, options.runs)
    cold_time, report = timed(cold, options.runs)
    warm_time, _ = timed(lambda: service.report(options.year), options.runs * 4)
    naive_time, naive = timed(lambda: naive_year(options.year), options.runs)
    naive_all_time, naive_all = timed(
        lambda: naive_year(options.year, all_rows=True), max(1, options.runs // 2)
    )
    sections = report["sections"]
    computed = {
        "total": sections["public_aggression"]["total"],
        "colleagues": sections["confidential_advisors"]["colleagues"],
        "conversations": sections["confidential_advisors"]["conversations"],
    }
    if not computed == naive == naive_all:
        raise SystemExit(f"The service and the naive loop disagree: {computed} != {naive}")

    print(f"Full year {options.year}: {naive['total'] + naive['conversations']:,} records of {generated:,}")
    print(f"  median of {options.runs} runs unless stated")
    print(f"  cold, the year's figures (no cache):          {cold_year_time * 1000:9.1f} ms")
    print(f"  cold, the report (the year and the year before): {cold_time * 1000:6.1f} ms")
    print(f"  warm (cached, median of {options.runs * 4}):              {warm_time * 1000:9.3f} ms")
    print(f"  naive Python loop over the year's records:    {naive_time * 1000:9.1f} ms")
    print(f"  naive Python loop over all records:           {naive_all_time * 1000:9.1f} ms")
    print(
        f"  cold year vs naive loop: {naive_time / cold_year_time:.1f}x (year's records), "
        f"{naive_all_time / cold_year_time:.1f}x (all records)"
    )


if __name__ == "__main__":
    main()
