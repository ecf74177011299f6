"""Kedja's benchmarks. Run them all with `python -m bench`."""
