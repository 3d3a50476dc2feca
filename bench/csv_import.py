#!/usr/bin/env python3
"""CSV import benchmark: the time and SQL queries of importing catalogue items in the admin.

    .venv/bin/python bench/csv_import.py                          # 1,000 rows on SQLite
    .venv/bin/python bench/csv_import.py --databases sqlite,postgres --rows 1000,5000

For each database and number of rows it builds a fresh database with the demo site (`migrate`,
`load_demo`) and writes a CSV file of that many rows for the Instrumentheek, as Belgian Excel
saves it (semicolons, decimal commas), every column filled, French and English names included:
most rows are an item and two translations, three published objects, and a copy. One row in
ten stands for three copies (`aantal` 3) and one in ten is one more copy of the item of the
row before (the same name and brand, its item cells empty). One row in fifty names an
unknown category, so the file has rejected rows too. Then, in process, logged in as the
demo's coordinator, it posts the file to the admin's "Import from CSV" through Django's test
client (server time, without network), with the development settings:

- "check only": the "Check only" box ticked (--runs times, the median kept); nothing is saved;
- "import": the file imported, every row created and published (revisions, history, search
  indexes);
- "import again": the same file once more, every row unchanged;
- "import changed": every Dutch and French name changed, every row updated.

A file larger than the admin takes (ADMIN_MAX_ROWS) goes to `import_items()` directly, as
`manage.py import_items` does. It prints, per step, the time, the SQL queries and the report's
summary, and whether the step answered within 10 s, the import's target (gunicorn ends a
worker after 30 s). With --tasks database (production's task backend) an import only
queues its one task for Wagtail's search and reference indexes, for `manage.py db_worker`;
the development settings' immediate backend (the default) runs it within the request.
PostgreSQL is taken from BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432); the
benchmark makes its own databases there (deelfabriek_bench_import_*), replacing earlier ones.
Not part of the test command.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass

# The shared set-up of the catalogue benchmark (next to this file, so on sys.path[0]).
from catalogue_search import PYTHON, ROOT, _env, _postgres_database, log

INITIATIVE = "instrumentheek"
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TARGET_SECONDS = 10
HEADER = (
    "code;naam;categorie;omschrijving;merk;inhoud;leeftijd_van_maanden;leeftijd_tot_maanden;"
    "staat;status;aantal;waarborg;uitleendagen;naam_fr;omschrijving_fr;naam_en;omschrijving_en"
)
BRANDS = ("Bosch", "Makita", "DeWalt", "Black+Decker", "Ryobi", "Einhell", "Stanley")
THINGS = (
    ("Klopboormachine", "Perceuse à percussion", "Hammer drill"),
    ("Decoupeerzaag", "Scie sauteuse", "Jigsaw"),
    ("Schuurmachine", "Ponceuse", "Sander"),
    ("Ladder", "Échelle", "Ladder"),
    ("Hogedrukreiniger", "Nettoyeur haute pression", "Pressure washer"),
    ("Tegelsnijder", "Coupe-carreaux", "Tile cutter"),
)


def build(database_url: str, media: str) -> None:
    env = _env(database_url, media)
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo", "--quiet"]):
        log(f"  manage.py {' '.join(command)}")
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,  # the demo log-ins
        )


def csv_file(rows: int, categories: list[str], version: str = "") -> bytes:
    """A file of `rows` rows; `version` changes every Dutch and French name."""
    rng = random.Random(2026)
    lines = [HEADER]
    previous = None
    for n in range(1, rows + 1):
        dutch, french, english = rng.choice(THINGS)
        category = "onbekend" if n % 50 == 0 else rng.choice(categories)
        brand = rng.choice(BRANDS)
        condition = rng.choice(("new", "good", "fair", "worn"))
        status = rng.choice(("available", "available", "in_repair"))
        deposit = f"{rng.randint(0, 80)},{rng.choice(('00', '50'))}"
        loan_days = str(rng.choice((7, 14, 21)))
        code = f"BENCH-{n * 10:06}"  # room for the codes `aantal` counts on
        if n % 10 == 5 and previous is not None:
            # One more copy of the previous row's item: its item cells left empty.
            name, brand = previous
            lines.append(";".join([code, name, "", "", brand] + [""] * 3 + [condition, status]))
            continue
        name = f"{dutch} {n}{version}"
        previous = (name, brand)
        lines.append(
            ";".join(
                [
                    code,
                    name,
                    category,
                    f"{dutch} in goede staat, met handleiding. Nummer {n}.",
                    brand,
                    "koffer | handleiding | 2 accu's",
                    "",
                    "",
                    condition,
                    status,
                    "3" if n % 10 == 3 else "",
                    deposit,
                    loan_days,
                    f"{french} {n}{version}",
                    f"{french} en bon état, avec mode d'emploi.",
                    f"{english} {n}",
                    f"{english} in good condition, with manual.",
                ]
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def measure(database_url: str, media: str, rows: int, runs: int, tasks: str) -> dict:
    """Run the measuring half in a child process that has Django set up on that database."""
    output = subprocess.run(
        [PYTHON, __file__, "--measure", "--rows", str(rows), "--runs", str(runs), "--tasks", tasks],
        cwd=ROOT,
        env=_env(database_url, media),
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def _measure_in_process(rows: int, runs: int, tasks: str) -> None:
    """The measuring half: import the files in this process and print the figures as JSON."""
    _setup_django(tasks)
    from catalogue.admin_import import ADMIN_MAX_ROWS
    from catalogue.models import Copy, Item

    scene = _scene(through_admin=rows <= ADMIN_MAX_ROWS)
    original = csv_file(rows, scene.categories)
    figures = {"through": "admin" if scene.through_admin else "import_items()", "steps": []}
    timings = [_step(scene, original, dry_run=True) for _ in range(runs)]
    median = statistics.median(seconds for seconds, _count, _summary in timings)
    figures["steps"].append(("check only", median, timings[0][1], timings[0][2]))
    figures["steps"].append(("import", *_step(scene, original, dry_run=False)))
    figures["steps"].append(("import again", *_step(scene, original, dry_run=False)))
    changed = csv_file(rows, scene.categories, " v2")
    figures["steps"].append(("import changed", *_step(scene, changed, False)))
    figures["items"] = Item.objects.filter(initiative=scene.initiative).count()
    figures["copies"] = Copy.objects.filter(item__initiative=scene.initiative).count()
    figures["database"] = _database_version()
    print(json.dumps(figures))


def _setup_django(tasks: str) -> None:
    """Django on the database of the environment, with the task backend asked for."""
    import django

    django.setup()

    from django.test.utils import override_settings

    override_settings(TASKS={"default": {"BACKEND": TASK_BACKENDS[tasks]}}).enable()


@dataclass
class Scene:
    """What every step works with: the demo's Instrumentheek, its coordinator logged in."""

    initiative: object
    categories: list[str]
    coordinator: object
    client: object
    through_admin: bool
    url: str


def _scene(through_admin: bool) -> Scene:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from catalogue.models import Category
    from initiatives.models import InitiativePage

    initiative = InitiativePage.objects.get(
        slug=INITIATIVE, locale__language_code=settings.LANGUAGE_CODE
    )
    categories = list(
        Category.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    coordinator = get_user_model().objects.get(username="coordinator")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(coordinator)
    url = reverse("wagtailsnippets_catalogue_item:import")
    return Scene(initiative, categories, coordinator, client, through_admin, url)


def _step(scene: Scene, data: bytes, dry_run: bool) -> tuple[float, int, str]:
    """Import `data` once: the server time, the SQL queries and the report's summary."""
    from django.db import connection
    from django.utils import translation

    from catalogue.csv_import import import_items

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with translation.override("en"), connection.execute_wrapper(counter):
        started = time.perf_counter()
        if scene.through_admin:
            response = _post(scene, data, dry_run)
            seconds = time.perf_counter() - started
            summary = _summary_of(response)
        else:
            report = import_items(scene.initiative, data, user=scene.coordinator, dry_run=dry_run)
            seconds = time.perf_counter() - started
            summary = report.summary()
    return seconds, count, summary


def _post(scene: Scene, data: bytes, dry_run: bool):
    """Post the file to the admin's "Import from CSV"."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    fields = {
        "initiative": scene.initiative.pk,
        "file": SimpleUploadedFile("items.csv", data),
    }
    if dry_run:
        fields["dry_run"] = "on"
    return scene.client.post(scene.url, fields, HTTP_ACCEPT_LANGUAGE="en")


def _summary_of(response) -> str:
    """The summary line of the admin's report page."""
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    found = re.search(r'id="import-summary".*?</h2>\s*<p>(.*?)</p>', html, re.S)
    assert found, "no report: " + re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", found.group(1))).strip()


def _database_version() -> str:
    import sqlite3

    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rows", default="1000", help="rows per file, comma-separated")
    parser.add_argument("--databases", default="sqlite", help="sqlite, postgres or both")
    parser.add_argument("--runs", type=int, default=3, help="check-only runs (the median)")
    parser.add_argument(
        "--tasks",
        default="immediate",
        help="task backends: immediate (development: run in the request), database\n"
        "(production: queued for a worker), or both",
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _measure_in_process(int(args.rows), args.runs, args.tasks)
        return
    try:
        sizes = [int(size) for size in args.rows.split(",")]
    except ValueError:
        parser.error("--rows takes whole numbers separated by commas, e.g. 1000,5000")
    databases = [name.strip() for name in args.databases.split(",")]
    if not set(databases) <= {"sqlite", "postgres"} or not databases:
        parser.error("--databases takes sqlite and/or postgres")
    task_backends = [name.strip() for name in args.tasks.split(",")]
    if not set(task_backends) <= set(TASK_BACKENDS) or not task_backends:
        parser.error("--tasks takes immediate and/or database")
    if min(sizes) < 1 or args.runs < 1:
        parser.error("--rows and --runs take positive numbers")

    results = []
    with tempfile.TemporaryDirectory(prefix="deelfabriek-bench-import-") as workdir:
        for database in databases:
            for size in sizes:
                for tasks in task_backends:
                    name = f"bench_import_{size}_{tasks}"
                    log(f"{database}, {size:,} rows, tasks {tasks}: building")
                    if database == "sqlite":
                        url = f"sqlite:///{workdir}/{name}.sqlite3"
                    else:
                        url = _postgres_database(f"deelfabriek_{name}")
                    media = f"{workdir}/media"
                    build(url, media)
                    log(f"{database}, {size:,} rows, tasks {tasks}: measuring")
                    figures = measure(url, media, size, args.runs, tasks)
                    results.append((database, size, tasks, figures))

    print()
    for database, size, tasks, figures in results:
        print(
            f"{database} ({figures['database']}), tasks {tasks}, {size:,} rows through "
            f"{figures['through']}, "
            f"{figures['items']:,} item rows and {figures['copies']:,} copies of the "
            "initiative afterwards:"
        )
        for name, seconds, queries, summary in figures["steps"]:
            verdict = "ok" if seconds <= TARGET_SECONDS else f"over {TARGET_SECONDS} s"
            print(f"  {name:<15} {seconds:7.2f} s  {queries:>7,} queries  {verdict:<9} {summary}")
    print(f"(check only: the median of {args.runs} runs; the others run once each)")


if __name__ == "__main__":
    main()
