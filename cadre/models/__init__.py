from cadre.models.catalogs import (
    EthnicGroup,
    Population,
    PositionCategory,
    PositionTitle,
    QualificationLevel,
    QualificationType,
)
from cadre.models.data_versions import DataVersion
from cadre.models.history import ChangeAction, ChangeRecord, ChangeSource, ImportBatch
from cadre.models.officials import Gender, Official
from cadre.models.organizations import (
    Organization,
    OrganizationCategory,
    OrganizationForm,
    OrganizationKind,
    Succession,
)
from cadre.models.records import (
    CareerEvent,
    CareerEventKind,
    Evaluation,
    PartyStatistics,
    PlanningEntry,
    PositionRecord,
    QualificationRecord,
    Rating,
    TrainingProgramme,
)

__all__ = [
    "CareerEvent",
    "CareerEventKind",
    "ChangeAction",
    "ChangeRecord",
    "ChangeSource",
    "DataVersion",
    "EthnicGroup",
    "Evaluation",
    "Gender",
    "ImportBatch",
    "Official",
    "Organization",
    "OrganizationCategory",
    "OrganizationForm",
    "OrganizationKind",
    "PartyStatistics",
    "PlanningEntry",
    "Population",
    "PositionCategory",
    "PositionRecord",
    "PositionTitle",
    "QualificationLevel",
    "QualificationRecord",
    "QualificationType",
    "Rating",
    "TrainingProgramme",
    "Succession",
]
