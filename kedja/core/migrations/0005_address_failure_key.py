# The raw address gives way to a keyed hash of it (core.ratelimit.address_key). Rows already
# stored get an empty key: they expire with the window and never match a hashed key.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_address_failure'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='addressfailure', name='address_failure_idx'),
        migrations.RemoveField(model_name='addressfailure', name='address'),
        migrations.AddField(
            model_name='addressfailure',
            name='key',
            field=models.CharField(default='', max_length=16),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name='addressfailure',
            index=models.Index(fields=['scope', 'key', 'at'], name='address_failure_key_idx'),
        ),
    ]
