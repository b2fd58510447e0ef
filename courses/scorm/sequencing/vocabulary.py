"""The sequencing vocabularies a manifest may use (IMS Simple Sequencing, ADL's
extensions), and what makes the platform hand a package to the engine."""

IMSSS = "http://www.imsglobal.org/xsd/imsss"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"

RULE_CONDITIONS = {
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "objectiveMeasureGreaterThan",
    "objectiveMeasureLessThan",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
    "always",
}
RULE_ACTIONS = {
    "preConditionRule": {
        "skip",
        "disabled",
        "hiddenFromChoice",
        "stopForwardTraversal",
    },
    "exitConditionRule": {"exit"},
    "postConditionRule": {
        "exitParent",
        "exitAll",
        "retry",
        "retryAll",
        "continue",
        "previous",
    },
}
RULE_KEYS = {
    "preConditionRule": "preConditionRules",
    "exitConditionRule": "exitConditionRules",
    "postConditionRule": "postConditionRules",
}
ROLLUP_CONDITIONS = {
    "satisfied",
    "objectiveStatusKnown",
    "objectiveMeasureKnown",
    "completed",
    "activityProgressKnown",
    "attempted",
    "attemptLimitExceeded",
    "timeLimitExceeded",
    "outsideAvailableTimeRange",
}
ROLLUP_ACTIONS = {"satisfied", "notSatisfied", "completed", "incomplete"}
CHILD_SETS = {"all", "any", "none", "atLeastCount", "atLeastPercent"}
CONSIDERATIONS = {"always", "ifAttempted", "ifNotSkipped", "ifNotSuspended"}
HIDE_LMS_UI = {
    "continue",
    "previous",
    "exit",
    "exitAll",
    "abandon",
    "abandonAll",
    "suspendAll",
}
CONTROL_MODES = (
    "choice",
    "choiceExit",
    "flow",
    "forwardOnly",
    "useCurrentAttemptObjectiveInfo",
    "useCurrentAttemptProgressInfo",
)
MAP_INFO_IMSSS = (
    "readSatisfiedStatus",
    "readNormalizedMeasure",
    "writeSatisfiedStatus",
    "writeNormalizedMeasure",
)
MAP_INFO_ADLSEQ = (
    "readRawScore",
    "readMinScore",
    "readMaxScore",
    "readCompletionStatus",
    "readProgressMeasure",
    "writeRawScore",
    "writeMinScore",
    "writeMaxScore",
    "writeCompletionStatus",
    "writeProgressMeasure",
)
# What makes the platform hand a package to the engine (see the module's docstring).
ENGINE_FEATURES = {
    "sequencingRules",
    "rollupRules",
    "attemptLimit",
    "attemptAbsoluteDurationLimit",
    "deliveryControls",
    "rollupConsiderations",
    "sequencingCollectionRefs",
    "sharedDataMaps",
    "completionThreshold",
    "hideLmsUi",
}
ENGINE_CONTROLS = {
    "choiceExit",
    "forwardOnly",
    "useCurrentAttemptObjectiveInfo",
    "useCurrentAttemptProgressInfo",
    "rollupObjectiveSatisfied",
    "rollupProgressCompletion",
    "objectiveMeasureWeight",
    "preventActivation",
    "constrainChoice",
}
