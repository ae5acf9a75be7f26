"""Terms-of-reference versions as data: citations, dated parameters, and the rules each adopts."""

from .catalogue import built_in_policies, built_in_policy
from .chorley_2015 import CHORLEY_2015
from .terms import Citation, DatedValue, Parameter, RuleTerms
from .version import Policy

__all__ = [
    "CHORLEY_2015",
    "Citation",
    "DatedValue",
    "Parameter",
    "Policy",
    "RuleTerms",
    "built_in_policies",
    "built_in_policy",
]
