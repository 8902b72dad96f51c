"""Seeds schema validation speed: how long the seeds validator takes to confirm a valid seeds directory.

Usage:  python bench/seeds_validation.py SEEDS_DIR [--rounds 3] [--jsonschema]

Every YAML file of SEEDS_DIR is read once with the seeds reader (positions included, as `validate` and `load` read
them); then the seeds validator (:func:`kztimeline.curation.validate.schema_errors`) is timed alone over all of
them, best of ``--rounds``. With ``--jsonschema`` it also times jsonschema's Draft7Validator.is_valid (a test
dependency) over the same data. Make a large directory with `python bench/generate.py --events 100000 --seeds DIR`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kztimeline.curation.validate import schema_errors, seed_files
from kztimeline.curation.yaml_source import read_seed_file
from kztimeline.resources import schema_path


def best_of(rounds: int, check: Callable[[Any], bool], contents: list[Any]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        if not all(check(content) for content in contents):
            raise SystemExit("the seeds are not valid: time a valid directory")
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jsonschema", action="store_true", help="also time jsonschema's Draft7Validator")
    args = parser.parse_args()
    contents = [read_seed_file(path, path.name)[0].content for path in seed_files(args.seeds)]
    events = sum(len(content.get("events") or ()) for content in contents)
    schema_errors(contents[0])  # compile the schema once, as the first file of a run does
    seconds = best_of(args.rounds, lambda content: not any(schema_errors(content)), contents)
    print(f"{len(contents)} files, {events:,} events: seeds validator {seconds:.2f} s (best of {args.rounds})")
    if args.jsonschema:
        from jsonschema import validators

        schema = json.loads(schema_path("seeds").read_text(encoding="utf-8"))
        standard = validators.validator_for(schema)(schema)
        seconds = best_of(args.rounds, standard.is_valid, contents)
        print(f"jsonschema {type(standard).__name__}.is_valid {seconds:.2f} s (best of {args.rounds})")


if __name__ == "__main__":
    main()
