"""A confirmed trial contract for a scenario (apply, confirm by mail), and signing in at /login."""

from __future__ import annotations

from dataclasses import dataclass

from .browser import Page
from .mailbox import DevMailbox


@dataclass(frozen=True)
class Account:
    email: str
    password: str = "purple elephant dances 42"
    name: str = "山田 花子"
    company: str = "E2E商事株式会社"


def create_account(page: Page, mailbox: DevMailbox, email: str) -> Account:
    """Applies for a trial contract at /apply and confirms it through the link in the mail."""
    account = Account(email)
    page.open("/apply")
    page.fill("#company_name", account.company)
    page.fill("#name", account.name)
    page.fill("#email", account.email)
    page.find("#plan-trial").click()
    page.fill("#password", account.password)
    page.fill("#password_confirmation", account.password)
    page.click_and_wait_for_new_page("#apply-submit")
    mail = mailbox.newest_to(account.email)
    page.driver.get(next(link for link in mail.links if link.startswith(f"{page.base_url}/apply/confirm?ticket=")))
    page.click_and_wait_for_new_page("#confirm-submit")
    page.wait_for_path("/login?notice=applied")
    return account


def sign_in(page: Page, account: Account) -> None:
    """Signs in with the right password from /login; where that leads is the caller's to check."""
    page.open("/login")
    page.fill("#email", account.email)
    page.fill("#password", account.password)
    page.click_and_wait_for_new_page("#login-submit")
