"""Carbon trading figures for disclosures (``disclosure.hooks``): an enterprise's compliance position on the national
market for a compliance year, from the ledger, frozen into the disclosure when it is submitted."""

from __future__ import annotations

from django.utils import timezone

from parkcarbon.assets.services import compliance


def carbon_trading(park, enterprise, year: int) -> dict | None:
    """The compliance row of ``enterprise`` for ``year`` (None for a park, or an enterprise without a position)."""
    if enterprise is None:
        return None
    rows = compliance([enterprise], year)
    if not rows:
        return None
    row = rows[0]
    if row.obligation is None and not (row.allocated or row.surrendered or row.allowances_held):
        return None  # an account opened, nothing in it and nothing owed: no position to disclose
    figures = [("核查排放量（履约义务）", "Verified emissions (obligation)", row.obligation),
               ("获得配额", "Allowances allocated", row.allocated),
               ("已清缴配额", "Allowances surrendered", row.surrendered_allowances),
               ("已使用CCER抵销", "CCERs surrendered as offsets", row.surrendered_offsets),
               ("尚待清缴", "Still to surrender", row.remaining)]
    return {"source": f"ParkCarbon carbon assets ledger, national ETS, compliance year {year}, "
                      f"{timezone.localdate().isoformat()}",
            "verified": row.verified is not None,
            "rows": [{"label_zh": zh, "label_en": en, "value": float(value), "unit": "t CO2e"}
                     for zh, en, value in figures if value is not None]}
