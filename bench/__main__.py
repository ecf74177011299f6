"""Run every benchmark and print one results table. Add new benchmarks to BENCHMARKS."""

import sys

from bench import spend_screening

BENCHMARKS = [
    ("spend_screening", spend_screening.main),
]


def main(argv: list[str]) -> None:
    for name, run in BENCHMARKS:
        print(f"== {name} ==")
        run(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
