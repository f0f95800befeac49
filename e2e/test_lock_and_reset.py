"""Scenario (e): account lock, unlock mail, forgotten password and reset (SPEC H1–H5) in real browsers.

Ten wrong passwords lock the account with the manual's message and exactly one lock mail; the right
password is refused until the mail's link and its button unlock. Locked again, 「パスワードを忘れた方は
こちら」 with the typed email sends the reset mail; the new password works, the old one does not,
two-step verification is enrolled again, and the session of another browser is gone.
"""

import pyotp

from sekisho_e2e.accounts import create_account, sign_in
from sekisho_e2e.two_step import continue_to_home, enrol_authenticator

LOCK_MESSAGE = "このアカウントは、短時間での複数回ログイン試行によりブロックされました。"
LOCK_SUBJECT = "【コーデックストレージ】アカウントロック"
RESET_SUBJECT = "【コーデックストレージ】パスワードリセット"
NEW_PASSWORD = "a fresh start on tuesday"


def try_password(page, email: str, password: str) -> None:
    page.open("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click_and_wait_for_new_page("#login-submit")


def lock(page, email: str) -> None:
    for attempt in range(10):
        try_password(page, email, f"wrong password {attempt}")
    assert page.text("#login-failure") == LOCK_MESSAGE


def test_lock_unlock_forgotten_password_and_reset(page, mailbox, new_browser, unique_email):
    account = create_account(page, mailbox, unique_email)
    # Another browser stays signed in all along, until the reset ends its session.
    other = new_browser()
    sign_in(other, account)
    other.wait_for_path("/two-step")
    enrol_authenticator(other)
    continue_to_home(other)

    lock(page, account.email)
    try_password(page, account.email, account.password)
    assert page.text("#login-failure") == LOCK_MESSAGE, "the right password does not get in while locked"
    unlock_mail = mailbox.newest_to(account.email, LOCK_SUBJECT)
    assert mailbox.count_to(account.email, LOCK_SUBJECT) == 1
    unlock_link = next(link for link in unlock_mail.links if "/lo/unblock?ticket=" in link)

    page.driver.get(unlock_link)
    assert page.text("#unlock-email") == account.email
    page.click_and_wait_for_new_page("#unlock-submit")
    page.wait_for_path("/login?notice=unlocked")
    assert "アカウントロックを解除しました。" in page.text("p.notice")
    sign_in(page, account)
    page.wait_for_path("/two-step")

    # Locked again; the manual's way to the reset: type the email, click the link under the form.
    new_page = new_browser()
    lock(new_page, account.email)
    new_page.open("/login")
    new_page.fill("#email", account.email)
    new_page.click_and_wait_for_new_page("#forgot-link")
    assert new_page.text("h1") == "メールを送信しました"
    reset_mail = mailbox.newest_to(account.email, RESET_SUBJECT)
    reset_link = next(link for link in reset_mail.links if "/lo/reset?ticket=" in link)

    new_page.driver.get(reset_link)
    assert new_page.text("h1") == "リセットパスワード"
    new_page.fill("#password", NEW_PASSWORD)
    new_page.fill("#password_confirmation", NEW_PASSWORD)
    new_page.click_and_wait_for_new_page("#reset-submit")
    assert "リセットパスワードの手続きが完了いたしました。" in new_page.text("section")
    new_page.click_and_wait_for_new_page("section a[href='/login']")
    new_page.wait_for_path("/login")

    try_password(new_page, account.email, account.password)
    assert new_page.text("#login-failure") == "メールアドレスまたはパスワードが正しくありません。"
    try_password(new_page, account.email, NEW_PASSWORD)
    new_page.wait_for_path("/two-step")
    assert new_page.find("#choose-authenticator"), "two-step verification is enrolled again"

    other.open("/home")
    other.wait_for_path("/login?next=/home")
    assert mailbox.count_to(account.email, "【コーデックストレージ】パスワード変更のお知らせ") == 1
