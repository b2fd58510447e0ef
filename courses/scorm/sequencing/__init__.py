"""A SCORM 2004 manifest's sequencing (IMS Simple Sequencing and ADL's
extensions), read into the settings scorm-again's sequencing engine takes.

``read_sequencing`` walks the default organization and returns
``{"activityTree": …, "collections": …}`` in scorm-again's ``SequencingSettings``
shape: per item its control modes, pre-, exit- and post-condition rules, limit
conditions, rollup rules and rollup settings (``rollupObjectiveSatisfied``,
``rollupProgressCompletion``, ``objectiveMeasureWeight``), rollup and
constrained-choice considerations, delivery controls, objectives (primary or
not, with their global ``mapInfo``), the completion threshold, ``hideLMSUI``
and the ``adlcp:data`` shared-data maps. Values outside the specification's
vocabularies are problems: the package is refused, nothing is imported.

The platform plays a package through the engine only when its manifest uses
sequencing beyond a primary objective's passing score and the ``choice``/``flow``
control modes (``uses_sequencing``); other packages keep the platform's own
rules (docs/scorm.md).
"""

from courses.scorm.sequencing.engine import shared_data_maps, uses_sequencing
from courses.scorm.sequencing.reader import read_sequencing

__all__ = ["read_sequencing", "shared_data_maps", "uses_sequencing"]
