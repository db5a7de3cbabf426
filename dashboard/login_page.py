"""The sign-in page: plain HTML from Flask (no script needed), labelled fields, every value escaped."""
from __future__ import annotations

from flask import render_template_string

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sign in - SCR monitor</title>
  <link rel="stylesheet" href="/assets/00-bootstrap-5.3.9.min.css">
</head>
<body>
  <header class="navbar navbar-dark bg-dark mb-4"><div class="container-fluid">
    <span class="navbar-brand">SCR monitor</span></div></header>
  <main id="main" class="container" style="max-width: 28rem">
    <h1 class="h3 mb-3">Sign in</h1>
    {% if notice %}<div class="alert alert-info" role="status">{{ notice }}</div>{% endif %}
    {% if error %}<div class="alert alert-danger" role="alert" id="sign-in-error">{{ error }}</div>{% endif %}
    <form method="post" action="/login" novalidate>
      <input type="hidden" name="csrf_token" value="{{ csrf }}">
      <input type="hidden" name="next" value="{{ target }}">
      <div class="mb-3">
        <label for="username" class="form-label">Username</label>
        <input id="username" name="username" class="form-control" autocomplete="username" autocapitalize="none"
               spellcheck="false" required value="{{ username }}" {% if not username %}autofocus{% endif %}>
      </div>
      <div class="mb-3">
        <label for="password" class="form-label">Password</label>
        <input id="password" name="password" type="password" class="form-control" autocomplete="current-password"
               required {% if username %}autofocus{% endif %}>
      </div>
      <button type="submit" class="btn btn-primary">Sign in</button>
    </form>
    <p class="mt-4 text-muted small">Forgotten your password? Ask your board business manager to set a new one.</p>
  </main>
</body>
</html>"""


def login_page(csrf: str, target: str, *, username: str = "", error: str | None = None, notice: str | None = None) -> str:
    return render_template_string(PAGE, csrf=csrf, target=target, username=username, error=error, notice=notice)
