"""Registry of calculation methods. Each section module contributes a tuple ``METHODS``."""

from parkcarbon.engine.methods import (
    afolu,
    electronics,
    energy,
    fc_production,
    fgas,
    fugitive,
    ippu,
    landfill_mb,
    refinement2019,
    rice,
    scope2,
    waste,
)
from parkcarbon.engine.methods.base import GasOutput, Method, MethodInput, Param

METHODS: dict[str, Method] = {}
for _module in (energy, scope2, ippu, fgas, waste, landfill_mb, afolu, rice, fugitive, electronics,
                fc_production, refinement2019):
    for _method in _module.METHODS:
        if _method.id in METHODS:
            raise RuntimeError(f"duplicate method id {_method.id}")
        METHODS[_method.id] = _method

__all__ = ["METHODS", "GasOutput", "Method", "MethodInput", "Param"]
