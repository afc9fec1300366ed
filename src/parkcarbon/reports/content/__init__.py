"""What each report template says: pure functions from ``Facts`` (numbers gathered once from the inventory) to a
``ReportData``. One module per template; ``TEMPLATES`` maps a template key to its builder."""

from parkcarbon.reports.content import cn_enterprise, ghg_protocol, park
from parkcarbon.reports.content.facts import Facts

TEMPLATES = {
    "cn_enterprise": cn_enterprise.build,
    "park_inventory": park.build,
    "ghg_protocol": ghg_protocol.build,
}
LANGUAGE = {"cn_enterprise": "zh-hans", "park_inventory": "zh-hans", "ghg_protocol": "en"}

__all__ = ["LANGUAGE", "TEMPLATES", "Facts"]
