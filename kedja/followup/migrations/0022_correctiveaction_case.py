import django.db.models.deletion
from django.db import migrations, models

# Each action takes its finding's case: added empty and filled in one statement here; 0023 then
# requires it (on PostgreSQL a column filled under deferred foreign keys cannot be altered in the
# same transaction).
FILL = """
UPDATE followup_correctiveaction
SET case_id = (SELECT f.case_id FROM followup_finding f WHERE f.id = followup_correctiveaction.finding_id)
"""


class Migration(migrations.Migration):

    dependencies = [
        ("followup", "0021_open_action_deadline_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="correctiveaction",
            name="case",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="corrective_actions",
                to="followup.followupcase",
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
