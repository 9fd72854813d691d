"""The grant data core: load, validate and aggregate ``data/grants.yaml``.

Plain Python, no MkDocs: the site, the downloads and the checks all stand on it.
"""

from grants.model import Dataset, Group, Indicator, Lot, Sector, Source, Target, Text, YearAmount
from grants.problems import DataError, Problem
from grants.validate import DEFAULT_DATA, SCHEMA_PATH, check, load_dataset

__all__ = [
    "DEFAULT_DATA",
    "SCHEMA_PATH",
    "DataError",
    "Dataset",
    "Group",
    "Indicator",
    "Lot",
    "Problem",
    "Sector",
    "Source",
    "Target",
    "Text",
    "YearAmount",
    "check",
    "load_dataset",
]
