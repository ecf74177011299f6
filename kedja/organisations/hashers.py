"""The password hasher: Django's Argon2 hasher with OWASP's recommended Argon2id parameters.

Django's own defaults (100 MiB, 2 passes, 8 lanes) cost about 0.22 s of CPU per sign-in on our
machines; a room of 50 signing in at once on a 2-core server then queues for seconds. OWASP's
Password Storage Cheat Sheet lists 19 MiB, 2 passes, 1 lane as an equally recommended Argon2id
configuration; it costs about 0.025 s. Hashes with other parameters (Django's defaults included)
are re-made with these at the user's next sign-in, as Django does for every parameter change.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class KedjaArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
