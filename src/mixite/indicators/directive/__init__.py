"""EU pay-transparency indicators A–G, the obligations and the joint pay assessment.

Directive (EU) 2023/970, art. 9 and 10, as ``../shared/specs/directive.md`` fixes them:
``compute`` on a workforce table, ``from_gip`` on the GIP-MDS file, ``obligations`` for
who must report what and when. Importing the package registers indicators
``directive.A`` … ``directive.G`` in :data:`mixite.indicators.core.REGISTRY`.
"""

from __future__ import annotations

from mixite.indicators.directive import registry as _registry
from mixite.indicators.directive.compute import compute
from mixite.indicators.directive.gaps import Gap, SexValue, gap
from mixite.indicators.directive.gip import GipFile, from_gip, read_gip
from mixite.indicators.directive.joint import JointAssessment, joint_assessment
from mixite.indicators.directive.obligations import obligations, rule_pack
from mixite.indicators.directive.options import DirectiveOptions
from mixite.indicators.directive.result import DirectiveResult, DirectiveWarning

_registry.register_all()

__all__ = [
    "DirectiveOptions",
    "DirectiveResult",
    "DirectiveWarning",
    "Gap",
    "GipFile",
    "JointAssessment",
    "SexValue",
    "compute",
    "from_gip",
    "gap",
    "joint_assessment",
    "obligations",
    "read_gip",
    "rule_pack",
]
