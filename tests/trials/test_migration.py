"""Parks created before divisions existed get the code their free-text province / city name; the text is kept."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.mark.django_db(transaction=True)
def test_free_text_regions_are_mapped_and_kept():
    executor = MigrationExecutor(connection)
    before = [("parks", "0003_park_gwp_set_ar5_ccf")]
    after = [("parks", "0004_trial_division_period")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("parks", "Park")
    rows = {"a": ("江苏省", "南通市", "320600"), "b": ("浙江", "宁波", "330200"), "c": ("Jiangsu", "", "320000"),
            "d": ("某省", "某市", "")}
    for code, (province, city, _) in rows.items():
        old.objects.create(name=code, code=code, province=province, city=city, level="industrial_park")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("parks", "Park")
    for code, (province, city, division) in rows.items():
        park = new.objects.get(code=code)
        assert (park.province, park.city, park.division) == (province, city, division)
    new.objects.all().delete()
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
