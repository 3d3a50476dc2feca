"""Reservations, their events and the outbox move here from the catalogue and members apps.

Only Django's state changes: the tables keep their names (and, on PostgreSQL, the exclusion
constraint of catalogue migration 0003), so existing rows stay as they are.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from core.migration_steps import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0003_reservation_no_overlap_postgresql"),
        ("members", "0002_outgoingmail"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Reservation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("pickup_date", models.DateField(verbose_name="pickup date")),
                        ("return_date", models.DateField(verbose_name="return date")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("requested", "requested"),
                                    ("confirmed", "confirmed"),
                                    ("picked_up", "picked up"),
                                    ("returned", "returned"),
                                    ("cancelled", "cancelled"),
                                    ("no_show", "no-show"),
                                ],
                                default="requested",
                                max_length=12,
                                verbose_name="status",
                            ),
                        ),
                        ("notes", models.TextField(blank=True, verbose_name="notes")),
                        (
                            "condition_note",
                            models.TextField(blank=True, verbose_name="condition on return"),
                        ),
                        (
                            "accessories_checked",
                            models.BooleanField(
                                default=False, verbose_name="accessories checked on return"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                editable=False,
                                verbose_name="created",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        (
                            "item",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="reservations",
                                to="catalogue.item",
                                verbose_name="item",
                            ),
                        ),
                        (
                            "member",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="reservations",
                                to="members.member",
                                verbose_name="member",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reservation",
                        "verbose_name_plural": "reservations",
                        "db_table": "catalogue_reservation",
                        "ordering": ["pickup_date", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="OutgoingMail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("received", "reservation received"),
                                    ("confirmed", "reservation confirmed"),
                                    ("pickup_reminder", "pickup reminder"),
                                    ("return_reminder", "return reminder"),
                                    ("overdue", "overdue notice"),
                                    ("cancelled", "reservation cancelled"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "waiting to be sent"),
                                    ("sent", "sent"),
                                    ("failed", "failed"),
                                    ("skipped", "no longer needed"),
                                ],
                                default="pending",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="next attempt"
                            ),
                        ),
                        (
                            "last_error",
                            models.CharField(blank=True, max_length=200, verbose_name="last error"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                editable=False,
                                verbose_name="created",
                            ),
                        ),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="sent"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="outgoing_mails",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="recipient",
                            ),
                        ),
                        (
                            "reservation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="mails",
                                to="lending.reservation",
                                verbose_name="reservation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing e-mail",
                        "verbose_name_plural": "outgoing e-mails",
                        "db_table": "members_outgoingmail",
                        "ordering": ["-created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="ReservationEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "from_status",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("requested", "requested"),
                                    ("confirmed", "confirmed"),
                                    ("picked_up", "picked up"),
                                    ("returned", "returned"),
                                    ("cancelled", "cancelled"),
                                    ("no_show", "no-show"),
                                ],
                                max_length=12,
                                verbose_name="from status",
                            ),
                        ),
                        (
                            "to_status",
                            models.CharField(
                                choices=[
                                    ("requested", "requested"),
                                    ("confirmed", "confirmed"),
                                    ("picked_up", "picked up"),
                                    ("returned", "returned"),
                                    ("cancelled", "cancelled"),
                                    ("no_show", "no-show"),
                                ],
                                max_length=12,
                                verbose_name="to status",
                            ),
                        ),
                        (
                            "at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="at"
                            ),
                        ),
                        ("note", models.TextField(blank=True, verbose_name="note")),
                        (
                            "by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="by",
                            ),
                        ),
                        (
                            "reservation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="lending.reservation",
                                verbose_name="reservation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "reservation event",
                        "verbose_name_plural": "reservation events",
                        "db_table": "catalogue_reservationevent",
                        "ordering": ["at", "pk"],
                    },
                ),
                migrations.AddIndex(
                    model_name="reservation",
                    index=models.Index(
                        fields=["item", "status", "pickup_date"],
                        name="reservation_item_status_pickup",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="reservation",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("return_date__gte", models.F("pickup_date"))),
                        name="reservation_return_not_before_pickup",
                    ),
                ),
                migrations.AddIndex(
                    model_name="outgoingmail",
                    index=models.Index(
                        fields=["status", "next_attempt_at"], name="members_out_status_4495e0_idx"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="outgoingmail",
                    constraint=models.UniqueConstraint(
                        fields=("reservation", "kind"), name="outgoing_mail_once_per_reservation"
                    ),
                ),
            ],
        ),
        move_content_types(
            "reservation", "reservationevent", from_app="catalogue", to_app="lending"
        ),
        move_content_types("outgoingmail", from_app="members", to_app="lending"),
    ]
