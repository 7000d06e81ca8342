"""Steps the browser tests share."""

import re

from clientela.core.testing.factories import PASSWORD


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login page and wait until it has been left."""
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*/login/).*$"))
