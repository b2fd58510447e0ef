#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # Production unless told otherwise: development and tests name their settings
    # (the Makefile exports lms.settings.dev, pytest uses lms.settings.test).
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
