"""Training sessions as a lesson activity.

A block is done once the person was marked present at every slot of a session
of its training. Attendance is recorded by a trainer or HR on the platform, so
a course completed on it is established by the platform ("server" trust).
"""

from __future__ import annotations

from courses.activities import ActivityKind
from courses.training.blocks import TrainingBlock
from courses.training.queries import attended_training_blocks

TRAINING_ACTIVITY = ActivityKind(
    name="training",
    block=TrainingBlock,
    done_blocks=attended_training_blocks,
    trust="server",
    learning_panel="training/includes/my_sessions.html",
)
