"""Terms-of-reference versions as data: citations, dated parameters, and the rules each adopts."""

from .catalogue import built_in_policies, built_in_policy
from .chorley_2015 import CHORLEY_2015
from .chorley_2015_review import CHORLEY_2015_REVIEW
from .chorley_south_ribble_2021 import CHORLEY_SOUTH_RIBBLE_2021
from .coverage import Coverage, coverage
from .parameters import DECLARED, Declared, defaults, value_problem
from .south_ribble_2021 import SOUTH_RIBBLE_2021
from .spans import SteadySpan
from .terms import Citation, Clause, DatedValue, Parameter, RuleTerms
from .version import Policy

__all__ = [
    "CHORLEY_2015",
    "CHORLEY_2015_REVIEW",
    "CHORLEY_SOUTH_RIBBLE_2021",
    "DECLARED",
    "SOUTH_RIBBLE_2021",
    "Citation",
    "Clause",
    "Coverage",
    "DatedValue",
    "Declared",
    "Parameter",
    "Policy",
    "RuleTerms",
    "SteadySpan",
    "built_in_policies",
    "built_in_policy",
    "coverage",
    "defaults",
    "value_problem",
]
