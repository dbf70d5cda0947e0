"""The page where a user creates and revokes their own API tokens (a token is shown once, when created)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from api.models import ApiToken
from api.tokens import TokenError, token_create, token_revoke


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_page(request):
    created, error, name = None, "", ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        try:
            row, text = token_create(user=request.user, name=name)
        except TokenError as problem:
            error = str(problem)
        else:
            created, name = {"row": row, "text": text}, ""
    tokens = ApiToken.objects.filter(user=request.user)
    status = 400 if error else 200
    return render(request, "api/tokens.html", {"tokens": tokens, "created": created, "error": error, "name": name},
                  status=status)


@login_required
@require_POST
def token_revoke_page(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token_revoke(user=request.user, token=token)
    messages.success(request, f"Đã thu hồi khóa “{token.name}”; các chương trình dùng khóa này không gọi được API nữa.")
    return redirect("api_tokens")
