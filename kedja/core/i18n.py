from django.utils.translation import get_language


def in_english() -> bool:
    """True when the user chose English; Swedish is the default everywhere else."""
    return (get_language() or "sv").startswith("en")
