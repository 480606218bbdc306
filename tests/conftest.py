"""Settings shared by the engine tests."""

from __future__ import annotations

from hypothesis import settings

# Property tests check outcomes, not speed: a shared CI machine must not fail them on a
# slow example (speed lives in `make bench`).
settings.register_profile("mixite", deadline=None)
settings.load_profile("mixite")
