# Joins the migrations that four branches added in parallel (line revision, import lease, snapshot gas tonnes,
# the AR5 climate-carbon-feedback GWP choice, the line-page index); no operations of its own.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("inventory", "0003_activityline_revision"),
        ("inventory", "0003_pendingimport_lease"),
        ("inventory", "0003_resultsnapshot_gas_tonnes"),
        ("inventory", "0003_gwp_set_ar5_ccf"),
        ("inventory", "0004_activityline_page_index"),
    ]

    operations = []
