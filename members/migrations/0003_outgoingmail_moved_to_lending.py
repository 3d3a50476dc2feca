"""The outbox now belongs to the lending app (lending/migrations/0001); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_outgoingmail"),
        ("lending", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="OutgoingMail",
                ),
            ],
        ),
    ]
