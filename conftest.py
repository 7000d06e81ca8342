"""Fixtures the whole suite shares: users of each seeded role, in teams, with a manager."""

import importlib
import os
from pathlib import Path

import pytest

from clientela.core.testing.factories import TeamFactory, UserFactory, role


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with an empty cache: cached counts must not outlive a rolled-back test."""
    from django.core.cache import cache

    cache.clear()


# The data migrations that open each domain module to the seeded roles, and seed its defaults.
GRANT_MIGRATIONS = sorted(
    (path.parent.parent.name, path.stem)
    for app in ("sales", "analytics")
    for path in (Path(__file__).parent / f"clientela/{app}/migrations").glob("*_grants.py")
)


@pytest.fixture(autouse=True)
def seeded_roles(request):
    """Seed the standard roles and currencies again where a transactional test flushed the
    migrations' rows."""
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    seed = importlib.import_module("clientela.users.migrations.0002_seed_roles").seed_roles
    seed(apps, None)
    sales = importlib.import_module("clientela.sales.migrations.0002_seed_currencies")
    sales.seed_currencies(apps, None)
    for app, migration in GRANT_MIGRATIONS:
        module = importlib.import_module(f"clientela.{app}.migrations.{migration}")
        for name, function in vars(module).items():
            if name.startswith(("grant_", "seed_grants", "seed_criteria")) and callable(function):
                function(apps, None)
    yield


@pytest.fixture
def team_east(db):
    return TeamFactory(name="East")


@pytest.fixture
def team_west(db):
    return TeamFactory(name="West")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", role=role("admin"))


@pytest.fixture
def manager(db, team_east):
    return UserFactory(username="manager", role=role("sales-manager"), team=team_east)


@pytest.fixture
def rep(db, team_east, manager):
    """A sales rep in team East who reports to `manager`."""
    return UserFactory(username="rep", role=role("sales-rep"), team=team_east, manager=manager)


@pytest.fixture
def teammate(db, team_east):
    return UserFactory(username="teammate", role=role("sales-rep"), team=team_east)


@pytest.fixture
def outsider(db, team_west):
    """A sales rep in another team, reporting to nobody."""
    return UserFactory(username="outsider", role=role("sales-rep"), team=team_west)


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", role=role("read-only"))


BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright."""
    from clientela.core.testing.services import require

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    require(os.path.exists(executable), f"Chromium is not installed at {executable}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
    # stay synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def page(request, browser, live_server):
    """A fresh browser page on the live test server; a failing test leaves a screenshot."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "call_failed", False):
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/screenshots/<name>.png."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
