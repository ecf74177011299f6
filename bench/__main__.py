"""Run every benchmark, each in its own process (each sets up its own throwaway database).

Usage: python -m bench [name ...]   (default: all). Add new benchmarks to BENCHMARKS.
"""

import subprocess
import sys

BENCHMARKS = [
    "spend_screening",
    "spend_upload",
    "foundation_pages",
    "followup_pages",
    "annual_report",
    "answer_once",
    "api_pages",
    "signin_burst",
    "risk_pages",
    "inbox_pages",
    "watchlists",
]


def main(argv: list[str]) -> int:
    chosen = argv or BENCHMARKS
    failed = []
    for name in chosen:
        print(f"\n== {name} ==", flush=True)
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False).returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
