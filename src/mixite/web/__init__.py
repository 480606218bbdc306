"""The Django platform: organisations, networks and their members."""
