"""The peer: django-wiki serving the same article, in its own virtualenv (bench/.venv-wiki).

No third-party code is committed: `pip install wiki` at run time, and a tiny Django project
written under the run's directory. It runs as ours does: gunicorn, DEBUG off, 2 workers, SQLite.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "bench" / ".venv-wiki"

SETTINGS = """
from pathlib import Path
BASE = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-peer-not-secret-0123456789abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles", "django.contrib.humanize",
    "django.contrib.sites", "django_nyt", "mptt", "sekizai", "sorl.thumbnail", "wiki",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "peer.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.contrib.auth.context_processors.auth",
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.messages.context_processors.messages",
        "sekizai.context_processors.sekizai",
    ]},
}]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE / "peer.sqlite3"}}
SITE_ID = 1
LANGUAGE_CODE = "fr"
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = BASE / "static"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
WIKI_ACCOUNT_HANDLING = False
WIKI_ACCOUNT_SIGNUP_ALLOWED = False
"""

URLS = """
from django.urls import include, path
urlpatterns = [path("notifications/", include("django_nyt.urls")), path("", include("wiki.urls"))]
"""

WSGI = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings")
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
"""

# Run by the peer's Python: the article and its revisions, as django-wiki's own models store them.
LOAD = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer.settings")
import django
django.setup()
from django.contrib.auth import get_user_model
from wiki.models import ArticleRevision, URLPath
article = json.load(open(sys.argv[1]))
root = URLPath.create_root(title="Accueil", content="Wiki de comparaison.")
page = URLPath.create_urlpath(root, article["slug"], title=article["title"],
                              content=article["texts"][0])
for number, text in enumerate(article["texts"][1:], start=2):
    revision = ArticleRevision(title=article["title"], content=text,
                               user_message=f"Révision {number}")
    page.article.add_revision(revision)
print(page.get_absolute_url())
"""


def install() -> Path:
    """The peer's virtualenv: `pip install wiki gunicorn` once (from PyPI)."""
    python = VENV / "bin" / "python"
    if not (VENV / "bin" / "gunicorn").exists():
        print("  django-wiki: pip install wiki gunicorn into bench/.venv-wiki", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "wiki", "gunicorn"], check=True
        )
    return python


def setup(directory: Path, article: dict) -> tuple[Path, str]:
    """Write the project, migrate, load the article; answers (project dir, article path)."""
    python = install()
    package = directory / "peer"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(SETTINGS)
    (package / "urls.py").write_text(URLS)
    (package / "wsgi.py").write_text(WSGI)
    (directory / "load.py").write_text(LOAD)
    (directory / "article.json").write_text(json.dumps(article))
    db = directory / "peer.sqlite3"
    if db.exists():
        db.unlink()
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "peer.settings"}
    manage = [str(python), "-m", "django"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=directory, env=env, check=True)
    path = subprocess.run(
        [str(python), "load.py", "article.json"],
        cwd=directory,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return python, path
