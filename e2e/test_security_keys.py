"""Scenario: a security key (WebAuthn) in place of the code, with Chrome's virtual authenticator.

The page's own script talks to the browser's WebAuthn API; the virtual authenticator answers as a
USB key would. A person registers a key from home after signing in (the notice is mailed), signs in
again with the key instead of a code, and removes it; the second step then offers only the code.
The server runs at http://localhost (see SekishoServer): WebAuthn refuses IP addresses.
"""

import pytest
from selenium.webdriver.common.virtual_authenticator import Protocol, Transport, VirtualAuthenticatorOptions

from sekisho_e2e.accounts import create_account, sign_in
from sekisho_e2e.browser import Page, start_chromium
from sekisho_e2e.mailbox import DevMailbox
from sekisho_e2e.two_step import SERVICE_NAME, continue_to_home, enrol_authenticator


@pytest.fixture
def key_page(localhost_server, request):
    driver = start_chromium()
    driver.add_virtual_authenticator(VirtualAuthenticatorOptions(
        protocol=Protocol.CTAP2, transport=Transport.USB, has_resident_key=False, has_user_verification=False,
        is_user_consenting=True))
    page = Page(driver, localhost_server.url)
    request.node.e2e_page = page
    yield page
    driver.quit()


def test_security_key_registers_signs_in_and_is_removed(key_page, unique_email):
    page = key_page
    mailbox = DevMailbox(page)
    account = create_account(page, mailbox, unique_email)
    sign_in(page, account)
    page.wait_for_path("/two-step")
    enrol_authenticator(page)
    continue_to_home(page)

    page.click_and_wait_for_new_page("#security-keys-link")
    page.wait_for_path("/security-keys")
    assert page.find("#security-keys-empty")
    page.click_and_wait_for_new_page("#add-security-key")
    page.wait_for_path("/security-keys/new")
    page.fill("#name", "会社のキー")
    page.click_and_wait_for_new_page("#security-key-register")
    page.wait_for_path("/security-keys?notice=security_key_added")
    assert "会社のキー" in page.text("table#security-keys tbody")
    assert len(page.driver.get_credentials()) == 1
    mail = mailbox.newest_to(account.email, subject=f"【{SERVICE_NAME}】セキュリティキー登録のお知らせ")
    assert "会社のキー" in mail.body

    page.open("/home")
    page.click_and_wait_for_new_page("#logout")
    sign_in(page, account)
    page.wait_for_path("/two-step")
    page.click_and_wait_for_new_page("#use-security-key")
    page.wait_for_path("/two-step/key")
    page.click_and_wait_for_new_page("#security-key-use")
    page.wait_for_path("/home")
    assert page.text("#home-email") == account.email

    page.open("/security-keys")
    page.click_and_wait_for_new_page("button.remove-security-key")
    page.wait_for_path("/security-keys?notice=security_key_removed")
    assert page.find("#security-keys-empty")
    page.open("/home")
    page.click_and_wait_for_new_page("#logout")
    sign_in(page, account)
    page.wait_for_path("/two-step")
    assert not page.driver.find_elements("css selector", "#use-security-key")
