"""Account pages of our own: the password change leaves an audit entry (without any value)."""
from django.contrib.auth import views as auth_views

from cadre.admin_audit import audit_password_changed


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_password_changed(form.user)
        return response
