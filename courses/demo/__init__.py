"""Demo content for ``manage.py load_demo``: development only.

Nothing in production code imports this package (an import-linter contract says
so); the ``load_demo`` command and tests do.
"""
