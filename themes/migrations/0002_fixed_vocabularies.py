"""The fixed lists an activity is tagged with: target groups and positive health."""

from django.db import migrations

TARGET_GROUPS = [
    ("jeugd", "Jeugd"),
    ("ouders", "Ouders"),
    ("volwassenen", "Volwassenen"),
    ("ouderen", "Ouderen"),
    ("mantelzorgers", "Mantelzorgers"),
]

# The six dimensions of positive health (Huber), the model the programme builds on.
HEALTH_DIMENSIONS = [
    ("lichaamsfuncties", "Lichaamsfuncties"),
    ("mentaal-welbevinden", "Mentaal welbevinden"),
    ("zingeving", "Zingeving"),
    ("kwaliteit-van-leven", "Kwaliteit van leven"),
    ("meedoen", "Meedoen"),
    ("dagelijks-functioneren", "Dagelijks functioneren"),
]


def load(apps, schema_editor):
    for model_name, rows in (("TargetGroup", TARGET_GROUPS), ("HealthDimension", HEALTH_DIMENSIONS)):
        model = apps.get_model("themes", model_name)
        for order, (code, name) in enumerate(rows, start=1):
            model.objects.update_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("themes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
