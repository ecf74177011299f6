"""Every rule the code cites from the project's own docs/ pages points at a page and a section that
exist in this repository (issue 19 item 5), and no citation uses a shorthand that names no file."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CITATION = re.compile(r"(?<![\w/])docs/([\w-]+\.md)(?:`?,? §([0-9]+(?:\.[0-9]+)*))?")
# A page's own words for the user (`_("method §2.8")`) are not citations in the code.
SHORTHAND = re.compile(r"(?<![\w/.-])(?<!_\(\")(?:domain|method)(?:\.md)?`? §|(?<![\w/])domain\.md")


def _sources():
    for pattern in ("*.py", "*.html", "*.md"):
        for path in (ROOT / "kedja").rglob(pattern):
            if "migrations" not in path.parts:
                yield path


def _has_section(page: str, section: str) -> bool:
    heading = re.compile(rf"^#+ {re.escape(section)}[. ]", re.MULTILINE)
    return bool(heading.search(page)) or f"({section})" in page


def test_every_cited_page_and_section_exists():
    missing = []
    for path in _sources():
        for match in CITATION.finditer(path.read_text(encoding="utf-8")):
            page, section = match.groups()
            target = ROOT / "docs" / page
            if not target.exists():
                missing.append(f"{path.relative_to(ROOT)}: docs/{page}")
            elif section and not _has_section(target.read_text(encoding="utf-8"), section):
                missing.append(f"{path.relative_to(ROOT)}: docs/{page} §{section}")
    assert not missing


def test_no_citation_leaves_out_the_page():
    shorthand = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _sources()
        for match in SHORTHAND.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not shorthand
