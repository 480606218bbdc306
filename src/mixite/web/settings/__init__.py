"""Settings profiles: ``production`` (strict), ``local`` (``make run``), ``test``."""
