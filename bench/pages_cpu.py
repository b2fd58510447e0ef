"""CPU time per request of the learner pages and the floor, in one process.

    .venv/bin/python bench/pages_cpu.py [--requests 60] [--rounds 2] [--profile lesson]

On a machine shared with other work, wrk's requests per second say as much
about the neighbours as about the pages. This script seeds the same database as
``bench/pages.py`` (``var/bench.sqlite3`` unless DATABASE_URL says otherwise),
signs the bench learner in with Django's test client (the whole middleware
stack, no network) and times each page with ``time.process_time()``: the CPU
time of this process only, whatever else the machine runs. Per page: 5 warm-up
requests, then ``--requests`` timed ones, the best of ``--rounds`` rounds, in
milliseconds per request. ``--profile PAGE`` prints a cProfile summary of that
page instead. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pages

PAGES = ("floor", "catalogue", "course", "lesson")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--profile", choices=PAGES)
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--limit", type=int, default=60)
    args = parser.parse_args()
    (pages.ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from bench.settings import FLOOR_HOST
    from lms.models import User

    call_command("migrate", verbosity=0)
    urls = pages.seed()
    client = Client()
    client.force_login(User.objects.get(username=pages.USERNAME))

    def get(name: str) -> None:
        host = FLOOR_HOST if name == "floor" else "testserver"
        response = client.get(urls[name], headers={"host": host})
        if response.status_code != 200:
            sys.exit(f"{name} ({urls[name]}) answered {response.status_code}")

    for name in PAGES:
        for _ in range(5):
            get(name)
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            get(args.profile)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.limit)
        return
    results: dict[str, float] = {}
    for _ in range(args.rounds):
        for name in PAGES:
            start = time.process_time()
            for _ in range(args.requests):
                get(name)
            ms = 1000 * (time.process_time() - start) / args.requests
            results[name] = round(min(results.get(name, ms), ms), 2)
    for name, ms in results.items():
        print(f"{name:10} {ms:6.2f} CPU ms per request")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
