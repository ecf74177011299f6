"""Side-by-side comparison of two versions of a requirement document, word by word (difflib).

Requirements are matched by their stable key, so a renumbered requirement is compared with
itself; both languages are compared, so a change to the English text alone is shown too.
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.text import capfirst

from kedja.core.history import value_language
from kedja.reference.models import Requirement, RequirementDocument

COMPARED_FIELDS = ["number", "title_sv", "title_en", "text_sv", "text_en", "criterion_sv", "criterion_en"]
DOCUMENT_FIELDS = ["version", "title_sv", "title_en", "summary_sv", "summary_en"]

# Below this share of common words a text counts as rewritten and is shown whole on both sides.
REWRITTEN_BELOW = 0.4

type Segments = list[tuple[str, str]]  # (kind, words): kind is "same", "removed" or "added"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: Segments
    new: Segments
    lang: str = ""  # the language of a one-language field (title_en), for the cells' `lang`


@dataclass
class RequirementChange:
    key: str
    old: Requirement | None
    new: Requirement | None
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def state(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        return "changed" if self.fields else "unchanged"

    @property
    def shown(self) -> Requirement:
        return self.new or self.old  # type: ignore[return-value]


def word_diff(old: str, new: str) -> tuple[Segments, Segments]:
    """The two texts as runs of words, marked as kept, removed (old side) or added (new side)."""
    a, b = old.split(), new.split()
    matcher = SequenceMatcher(a=a, b=b, autojunk=False)
    if matcher.ratio() < REWRITTEN_BELOW:
        # A rewritten text shown word by word would be confetti of shared "and"s and "the"s.
        return [("removed", old)] if old else [], [("added", new)] if new else []
    left: Segments = []
    right: Segments = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(("same", " ".join(a[i1:i2])))
            right.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            right.append(("added", " ".join(b[j1:j2])))
    return left, right


def _changes(
    old: Requirement | RequirementDocument,
    new: Requirement | RequirementDocument,
    names: list[str],
    model: type[Requirement] | type[RequirementDocument],
) -> list[FieldChange]:
    found = []
    for name in names:
        before, after = str(getattr(old, name) or ""), str(getattr(new, name) or "")
        if before != after:
            model_field = model._meta.get_field(name)
            label = str(capfirst(getattr(model_field, "verbose_name", name)))
            found.append(FieldChange(label, *word_diff(before, after), lang=value_language(name)))
    return found


def document_changes(old: RequirementDocument, new: RequirementDocument) -> list[FieldChange]:
    return _changes(old, new, DOCUMENT_FIELDS, RequirementDocument)


def requirement_changes(old: RequirementDocument, new: RequirementDocument) -> list[RequirementChange]:
    """Every requirement of either version, in the new version's order, then the removed ones."""
    before = {r.key: r for r in old.requirements.all()}
    after = {r.key: r for r in new.requirements.all()}
    rows = [RequirementChange(key, before.get(key), requirement) for key, requirement in after.items()]
    rows += [
        RequirementChange(key, requirement, None) for key, requirement in before.items() if key not in after
    ]
    for row in rows:
        if row.old is not None and row.new is not None:
            row.fields = _changes(row.old, row.new, COMPARED_FIELDS, Requirement)
    return rows
