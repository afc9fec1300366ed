"""Inventories take an administrative division (issue 21); the ones made before get their province's code."""

import parkcarbon.parks.validators
from django.db import migrations, models


def province_divisions(apps, schema_editor):
    """'CN-JS' -> '320000' from regions.csv's gb2260 column; a region without one (none today) stays empty."""
    from parkcarbon.engine import load_library

    prefixes = {code: row.get("gb2260", "") for code, row in load_library().regions.items()}
    Inventory = apps.get_model("inventory", "Inventory")
    for region in Inventory.objects.filter(division="").values_list("region", flat=True).distinct():
        if prefixes.get(region):
            Inventory.objects.filter(division="", region=region).update(division=f"{prefixes[region]}0000")


class Migration(migrations.Migration):

    dependencies = [
        ('inventory', '0007_releases_factor_release'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalinventory',
            name='division',
            field=models.CharField(blank=True, max_length=6, validators=[parkcarbon.parks.validators.validate_division_code], verbose_name='administrative division'),
        ),
        migrations.AddField(
            model_name='inventory',
            name='division',
            field=models.CharField(blank=True, max_length=6, validators=[parkcarbon.parks.validators.validate_division_code], verbose_name='administrative division'),
        ),
        migrations.RunPython(province_divisions, migrations.RunPython.noop),
    ]
