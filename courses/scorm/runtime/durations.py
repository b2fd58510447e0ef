"""SCORM timespans: 1.2's HHHH:MM:SS.SS and 2004's ISO 8601 durations."""

from __future__ import annotations

import re

DURATION_12 = re.compile(r"^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$")
DURATION_2004 = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?"
    r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$"
)


def seconds_of(duration: str, version: str) -> float:
    """A SCORM 1.2 timespan (HHHH:MM:SS.SS) or 2004 ISO 8601 duration, in seconds."""
    if version == "1.2":
        match = DURATION_12.match(duration)
        if not match:
            raise ValueError(duration)
        hours, minutes, seconds, fraction = match.groups()
        return (
            int(hours) * 3600 + int(minutes) * 60 + int(seconds) + float(fraction or 0)
        )
    match = DURATION_2004.match(duration)
    if not match or duration in ("P", "PT") or duration.endswith("T"):
        raise ValueError(duration)
    years, months, days, hours, minutes, seconds = match.groups()
    return (
        (int(years or 0) * 365 + int(months or 0) * 30 + int(days or 0)) * 86400
        + int(hours or 0) * 3600
        + int(minutes or 0) * 60
        + float(seconds or 0)
    )


def format_duration(seconds: float, version: str) -> str:
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    hundredths = int(round((seconds - whole) * 100)) % 100
    if version == "1.2":
        return f"{min(hours, 9999):04d}:{minutes:02d}:{secs:02d}.{hundredths:02d}"
    return f"PT{hours}H{minutes}M{secs}.{hundredths:02d}S"
