"""The mentoring matching round at scale: a seeded network of opted-in people.

    .venv/bin/python bench/matching.py --people 5000

Seeds ``courses.mentoring.synthetic.seed_network`` (a fresh network per run,
in var/bench.sqlite3 unless DATABASE_URL says otherwise), then times the round
three ways: reading its inputs from the database (opt-ins, profiles, verified
levels from the evidence ledger, free places), solving the assignment alone
(``matching.solve``, twice: the same pairs both times), and the whole
``run_round`` action with its writes. Wall-clock and CPU
seconds of this process are both given (``*_cpu_s``): on a shared machine the
wall clock mostly measures the neighbours. Peak memory of this process is
``peak_rss_mb``. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.bench"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--towns", type=int, default=8)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from collections import Counter

    from django.core.management import call_command
    from django.db import connection

    from courses.mentoring import actions, matching
    from courses.mentoring.models import Round
    from courses.mentoring.queries import round_inputs
    from courses.mentoring.synthetic import seed_network
    from lms.models import User

    call_command("migrate", verbosity=0)
    slug = f"bench-{args.people}-{int(time.time())}"
    started = time.perf_counter()
    network = seed_network(slug=slug, people=args.people, towns=args.towns)
    seed_s = time.perf_counter() - started
    admin = User.objects.filter(is_superuser=True).first() or User.objects.create(
        username=f"{slug}-admin", is_superuser=True
    )

    started = time.perf_counter()
    inputs = round_inputs(network)
    inputs_s = time.perf_counter() - started

    started, cpu = time.perf_counter(), time.process_time()
    first = matching.solve(
        inputs.people, inputs.requests, inputs.offers, inputs.free_slots
    )
    solve_s = time.perf_counter() - started
    solve_cpu_s = time.process_time() - cpu
    again = matching.solve(
        inputs.people, inputs.requests, inputs.offers, inputs.free_slots
    )
    assert (again.matches, again.unmatched) == (first.matches, first.unmatched)  # noqa: S101

    started, cpu = time.perf_counter(), time.process_time()
    round_ = actions.run_round(network, by=admin)
    round_s = time.perf_counter() - started
    round_cpu_s = time.process_time() - cpu
    round_ = Round.objects.get(pk=round_.pk)

    figures = {
        "database": connection.vendor,
        "people": args.people,
        "towns": args.towns,
        "seed_s": round(seed_s, 1),
        "mentees": round_.mentees,
        "mentors": round_.mentors,
        "places": round_.slots,
        "pairs": round_.pairs,
        "unmatched": dict(Counter(u.reason for u in first.unmatched)),
        "inputs_s": round(inputs_s, 2),
        "solve_s": round(solve_s, 2),
        "solve_cpu_s": round(solve_cpu_s, 2),
        "run_round_s": round(round_s, 2),
        "run_round_cpu_s": round(round_cpu_s, 2),
        "same_result_twice": True,
        "peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }
    print(
        f"{args.people} people in {args.towns} towns on {connection.vendor}: "
        f"{round_.pairs} pairs of {round_.mentees} mentees and {round_.slots} places; "
        f"inputs {figures['inputs_s']} s, solve {figures['solve_s']} s, "
        f"whole round {figures['run_round_s']} s"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
