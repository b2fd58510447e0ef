"""Sign-in security: the client's address, sign-in and reset throttles, the second factor.

The per-account lockout itself is django-axes, keyed by
``lms.backends.lockout_username``; see docs/security.md, "Sign-in".
"""
