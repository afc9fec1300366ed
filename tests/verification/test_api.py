"""The verification workflow through the REST API, end to end, as a park IT system and a verifier's tool would call it:
submit -> return with a comment -> fix -> submit -> accept -> verify with an adjustment -> conclusion; then the
verified inventory is read-only, a correction opens version 2, and park totals limited to verified inventories use
the verified amounts."""

import pytest

from parkcarbon.inventory.park import park_summary
from parkcarbon.inventory.services import current_lines
from parkcarbon.verification.models import Conclusion
from tests.api.conftest import call, token_for  # noqa: F401 - fixtures


@pytest.fixture
def api(world, token_for, call):  # noqa: F811
    def run(role, method, path, json=None, language="en"):
        return call(method, f"/api/v1{path}", token_for(role), json=json, HTTP_ACCEPT_LANGUAGE=language)

    return run


def coal_line(inventory):
    return current_lines(inventory).get(activity="bituminous_coal")


def test_whole_workflow_through_the_api(api, world, inventory):
    base = f"/inventories/{inventory.pk}"
    assert api("enterprise_manager", "post", f"{base}/submit", {"note": ""}).status_code == 200

    response = api("park_admin", "post", f"{base}/return", {"comment": "Coal amount lacks the weighbridge record."})
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert response.json()["comments"][0]["text"].startswith("Coal amount")

    # a returned inventory is editable again by its enterprise, and can be submitted again
    line = coal_line(inventory)
    fix = {"section": "energy", "lines": [{"id": line.pk, "activity": "bituminous_coal", "amount": 950, "unit": "t",
                                           "month": 1}]}
    assert api("enterprise_reporter", "post", f"{base}/lines", fix).status_code == 200
    assert api("enterprise_manager", "post", f"{base}/submit", {"note": "fixed"}).status_code == 200
    assert api("park_admin", "post", f"{base}/accept", {"comment": ""}).json()["status"] == "under_verification"

    workflow = api("verifier", "get", f"{base}/workflow").json()
    assert {"verify_comment", "adjust", "conclude"} <= set(workflow["allowed_steps"])
    line = coal_line(inventory)
    response = api("verifier", "post", f"{base}/adjustments",
                   {"line": line.pk, "verified_amount": 900, "reason": "Weighbridge records"})
    assert response.status_code == 200
    adjustment = response.json()["adjustments"][-1]
    assert (adjustment["reported_amount"], adjustment["verified_amount"], adjustment["current"]) == (950, 900, True)

    response = api("verifier", "post", f"{base}/conclusion", {"opinion": "qualified", "statement": "Coal adjusted."})
    assert response.status_code == 200 and response.json()["status"] == "verified"
    conclusion = Conclusion.objects.get(inventory=inventory)
    assert conclusion.verified_co2e < conclusion.reported_co2e

    # verified: read-only, and totals limited to verified inventories use the verified amounts
    refused = api("enterprise_reporter", "post", f"{base}/lines", fix)
    assert refused.status_code == 409
    reported = park_summary(world.park, 2023)
    verified = park_summary(world.park, 2023, verified_only=True)
    assert verified.n_adjusted == 1
    assert verified.total_co2e == pytest.approx(conclusion.verified_co2e, rel=1e-9)
    assert reported.total_co2e == pytest.approx(conclusion.reported_co2e, rel=1e-9)

    # a correction opens version 2; version 1 stays readable with its differences
    response = api("enterprise_manager", "post", f"{base}/new-version", {"reason": "Restate coal"})
    assert response.status_code == 200 and response.json()["version"] == 2
    kept = api("authority_viewer", "get", f"{base}/versions/1").json()
    assert kept["totals"]["total"] == pytest.approx(conclusion.reported_co2e)
    assert any(line["activity"] == "bituminous_coal" and line["amount"] == 950 for line in kept["lines"])


def test_refusals_say_why(api, world, inventory):
    base = f"/inventories/{inventory.pk}"
    # wrong state: 409 with the status named; wrong role: 403; a missing statement: 422 with the field
    response = api("park_admin", "post", f"{base}/accept", {"comment": ""})
    assert response.status_code == 409 and "Draft" in response.json()["detail"]
    chinese = api("park_admin", "post", f"{base}/accept", {"comment": ""}, language="zh-hans")
    assert "草稿" in chinese.json()["detail"]
    assert api("park_viewer", "post", f"{base}/accept", {"comment": ""}).status_code == 403
    api("enterprise_manager", "post", f"{base}/submit", {"note": ""})
    api("park_admin", "post", f"{base}/accept")
    response = api("verifier", "post", f"{base}/conclusion", {"opinion": "verified", "statement": ""})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "statement"
    response = api("verifier", "post", f"{base}/conclusion", {"opinion": "maybe", "statement": "x"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "opinion"
    # a line of another inventory is not part of this one
    other = api("verifier", "post", f"{base}/adjustments", {"line": 10**9, "verified_amount": 1, "reason": "x"})
    assert other.status_code == 422 and "not part of this inventory" in other.json()["errors"][0]["message"]
    assert inventory.adjustments.count() == 0


def test_a_verifier_who_entered_data_may_not_verify_it(api, world, inventory):
    base = f"/inventories/{inventory.pk}"
    line = coal_line(inventory)
    line.history.update(history_user=world.users["verifier"])  # as if the verifier had typed the line
    api("enterprise_manager", "post", f"{base}/submit", {"note": ""})
    api("park_admin", "post", f"{base}/accept")
    response = api("verifier", "post", f"{base}/conclusion", {"opinion": "verified", "statement": "ok"})
    assert response.status_code == 409 and "entered data" in response.json()["detail"]
    assert not Conclusion.objects.exists()


def test_alert_rules_and_acknowledgement(api, world, inventory, django_capture_on_commit_callbacks):
    from parkcarbon.alerts.models import Alert
    from parkcarbon.alerts.services import evaluate

    with django_capture_on_commit_callbacks(execute=False):
        response = api("park_admin", "post", "/alert-rules", {"park": world.park.pk, "name": "Cap",
                                                              "metric": "annual_co2e", "threshold": 10})
    assert response.status_code == 201
    bad = api("park_admin", "post", "/alert-rules", {"park": world.park.pk, "name": "Range", "metric": "measured_range",
                                                     "threshold": 10})
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["errors"]} == {"parameter"}
    evaluate(inventory, notify=False)
    alerts = api("enterprise_manager", "get", f"/alerts?inventory={inventory.pk}").json()["items"]
    assert [a["rule_name"] for a in alerts] == ["Cap"] and alerts[0]["value"] > 10
    response = api("enterprise_manager", "post", f"/alerts/{alerts[0]['id']}/acknowledge", {"note": "Known: kiln"})
    assert response.status_code == 200 and response.json()["state"] == "acknowledged"
    again = api("enterprise_manager", "post", f"/alerts/{alerts[0]['id']}/acknowledge", {"note": "again"})
    assert again.status_code == 409
    assert Alert.objects.get().acknowledged_by == world.users["enterprise_manager"]
