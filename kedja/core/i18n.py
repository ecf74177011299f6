from django.utils.translation import get_language


def in_english() -> bool:
    """True when the user chose English; Swedish is the default everywhere else."""
    return (get_language() or "sv").startswith("en")


def bilingual(base: str, *, fallback: bool = True) -> property:
    """A read-only property giving `<base>_en` when the user chose English, else `<base>_sv`.

    With `fallback` an empty English text gives the Swedish one; without it an English reader gets
    the English field even when it is empty.
    """

    def getter(self) -> str:
        english = getattr(self, f"{base}_en")
        if in_english() and (english or not fallback):
            return english
        return getattr(self, f"{base}_sv")

    return property(getter)
