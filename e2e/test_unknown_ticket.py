"""Scenario (c): a confirmation link with a ticket the portal never issued is refused."""

import secrets


def test_unknown_ticket_link_is_unusable(page):
    page.open(f"/apply/confirm?ticket={secrets.token_urlsafe(32)}")
    assert page.text("h1") == "このリンクはご利用いただけません"
    assert not page.driver.find_elements("css selector", "#confirm-submit")
