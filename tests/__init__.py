"""Engine, CLI and browser tests; packages so that helpers import as ``tests.<area>.<module>``."""
