"""The numbers take the names of the texts they replace (0010 copied every text over)."""

from django.db import migrations


def swap(model, old, new):
    return [
        migrations.RemoveField(model_name=model, name=old),
        migrations.RenameField(model_name=model, old_name=new, new_name=old),
    ]


class Migration(migrations.Migration):
    dependencies = [("programme", "0010_numeric_indicators_from_text")]

    operations = [
        *(
            operation
            for model in ("goal", "historicalgoal")
            for old, new in (
                ("baseline", "baseline_amount"),
                ("target", "target_amount"),
                ("current_value", "current_amount"),
            )
            for operation in swap(model, old, new)
        ),
        *swap("indicatorvalue", "value", "amount"),
        *swap("historicalindicatorvalue", "value", "amount"),
    ]
