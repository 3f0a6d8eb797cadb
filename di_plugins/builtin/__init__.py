"""Built-in plugins: each module implements one concern on the hookspecs in ``di_plugins.hookspecs``."""
