"""Tenancy rows of the Carbon Assets API routes, merged into tests/api/test_tenancy.py. Objects: E1's allowance
account (vintage 2022) with 100 t allocated, and E1's verified 2022 inventory (1,000 t CO2e)."""

R = "401 200 200 200 200 200 200 200 200 200"
E1_VIEW = "401 200 200 200 200 200 200 200 404 404"
E1_RECORD = "401 201 201 403 403 201 403 403 404 404"


def asset_objects(w):
    if not hasattr(w, "asset_account"):
        from datetime import date

        from parkcarbon.assets import services
        from tests.assets.conftest import verified

        verified(w, w.enterprise, 2022, 1000)
        w.asset_account = services.allowance_account(w.enterprise, 2022)
        w.asset_txn = services.allocate(None, w.enterprise, 2022, "final", 100, date(2023, 6, 1)).transaction
    return w


def acct(w):
    return {"account_id": asset_objects(w).asset_account.pk}


ROUTES = {
    ("get", "/api/v1/assets/accounts"): (None, None, R),
    ("get", "/api/v1/assets/accounts/{account_id}/entries"): (acct, None, E1_VIEW),
    ("get", "/api/v1/assets/positions"): (None, None, R),
    ("get", "/api/v1/assets/compliance"): (lambda w: {"_query": "?year=2022"}, None, R),
    ("post", "/api/v1/assets/transactions"): (None, lambda w: {
        "account": asset_objects(w).asset_account.pk, "kind": "buy", "date": "2023-07-01", "quantity": 5,
        "price": "60.00"}, E1_RECORD),
    ("post", "/api/v1/assets/surrenders"): (None, lambda w: {
        "account": asset_objects(w).asset_account.pk, "year": 2022, "quantity": 1, "date": "2023-12-01"}, E1_RECORD),
    ("post", "/api/v1/assets/transactions/{transaction_id}/reverse"): (
        lambda w: {"transaction_id": asset_objects(w).asset_txn.pk}, lambda w: {"date": "2023-07-01", "note": "x"},
        E1_RECORD),
    ("get", "/api/v1/assets/prices"): (None, None, R),
    ("post", "/api/v1/assets/prices"): (None, lambda w: {"park": w.park.pk, "instrument": "allowance",
                                                          "date": "2023-07-01", "price": "61.20"},
                                        "401 201 201 403 403 403 403 403 404 403"),
}
