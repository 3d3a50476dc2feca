"""The member's addresses under /<language>/account/ (``site/urls.py``); cancelling a
reservation shares the prefix but is lending's (``lending/urls.py``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from members import card, join, views

app_name = "members"

urlpatterns = [
    path("", views.account, name="account"),
    path(_("sign-up/"), views.sign_up, name="sign_up"),
    path(_("sign-up/check-your-mail/"), views.sign_up_done, name="sign_up_done"),
    path(_("confirm/<str:token>/"), views.confirm_email, name="confirm"),
    path(_("log-in/"), views.LoginView.as_view(), name="login"),
    path(_("log-out/"), views.LogoutView.as_view(), name="logout"),
    path(_("password/reset/"), views.PasswordResetView.as_view(), name="password_reset"),
    path(
        _("password/reset/sent/"), views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        _("password/reset/<uidb64>/<token>/"),
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        _("password/reset/done/"),
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(_("details/"), views.edit_profile, name="profile"),
    path(_("card/"), card.card, name="card"),
    path(_("join/<slug:initiative>/"), join.join, name="join"),
    path(_("join/withdraw/<int:pk>/"), join.withdraw, name="withdraw_application"),
    path(_("my-data.json"), views.download_data, name="download_data"),
    path(_("delete/"), views.delete_account, name="delete"),
    path(_("deleted/"), views.account_deleted, name="deleted"),
]
