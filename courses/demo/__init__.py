"""Demo content for ``manage.py load_demo`` and the synthetic builders that tests
and benchmarks share (course trees, small H5P and SCORM packages): development
only.

Nothing in production code imports this package (an import-linter contract says
so); the ``load_demo`` command, test support, tests and ``bench/`` do. Benchmarks
build their data here, never from tests.
"""
