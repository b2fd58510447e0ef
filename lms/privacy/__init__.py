"""Personal data rights: a person's archive, anonymising people who left, the
retention rule for learning records, and the log of HR's exports.

Collecting everything about a person reads models of the apps above ``lms``
(courses, skills): they are named by label through ``django.apps``, never
imported, so the platform core still imports nothing above it. See
docs/privacy.md.
"""
