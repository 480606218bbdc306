"""Engine and CLI tests live here; app tests sit beside each app in src/mixite/web."""
