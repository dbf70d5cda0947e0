"""The planning app's models: indicators (what a row counts) and the plans that set targets for them."""
from planning.models.definitions import (  # noqa: F401
    CONDITION_PARAMETERS,
    Indicator,
    IndicatorCondition,
    IndicatorKind,
    IndicatorParameterError,
    age_under,
    check_parameters,
)
from planning.models.plans import Plan, PlanQuerySet, PlanRow, PlanTable, Target  # noqa: F401
