"""The glue between queries, frames and charts for every dashboard view, split
by page part: ``data`` (each dataset, its figure and its table), ``council``
(the council's headlines), ``peer`` (peer learning), ``towns`` (the network
view), ``parts`` (each dataset on a URL of its own, and how long a browser
keeps it). Callers import from ``reporting.dashboard``."""

from reporting.dashboard.council import Headline, headlines
from reporting.dashboard.data import (
    DATASETS,
    SKILLS_DATASETS,
    STATUS_LABELS,
    VALUES,
    build,
    empty_states,
    figures,
    headers,
    level_names,
    month_label,
    separators,
    table,
    tables,
)
from reporting.dashboard.peer import PeerPart, peer_learning
from reporting.dashboard.towns import network, network_figures

__all__ = [
    "DATASETS",
    "SKILLS_DATASETS",
    "STATUS_LABELS",
    "VALUES",
    "Headline",
    "PeerPart",
    "build",
    "empty_states",
    "figures",
    "headers",
    "headlines",
    "level_names",
    "month_label",
    "network",
    "network_figures",
    "peer_learning",
    "separators",
    "table",
    "tables",
]
