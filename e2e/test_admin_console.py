"""Scenario (f): the admin console and invited users (SPEC E1–E3, F5–F7, K1–K3) in real browsers.

The contractor invites a user from 管理コンソール; the invitation mail has the manual's subject and
body; the user registers with a password through the link (登録, then 確認), signs in and enrols
two-step verification; a plain user gets 403 at /admin. The contractor changes the user's email; the
new address gets 「メールアドレス変更登録」; the user sets a password there; the old email no longer
signs in, the new one does and enrols two-step again. The contractor finds the user by the new address typed in full-width capitals and
by their full name, then ends everyone's sessions (「全員のログインを終了」) but their own.
"""

from sekisho_e2e.accounts import Account, create_account, sign_in
from sekisho_e2e.two_step import continue_to_home, enrol_authenticator

INVITATION_SUBJECT = "【コーデックストレージ】利用者登録のご案内"
EMAIL_CHANGE_SUBJECT = "【コーデックストレージ】メールアドレス変更登録"
USER_PASSWORD = "green tea at nine"
NEW_PASSWORD = "moved house in spring"


def test_invite_register_forbid_and_change_email(page, mailbox, new_browser, unique_email):
    contractor = create_account(page, mailbox, unique_email)
    sign_in(page, contractor)
    enrol_authenticator(page)
    continue_to_home(page)

    page.click_and_wait_for_new_page("#admin-link")
    page.wait_for_path("/admin/users")
    page.click_and_wait_for_new_page("#invite-link")
    user_email = "user-" + unique_email
    page.fill("#name", "鈴木 一郎")
    page.fill("#email", user_email)
    page.click_and_wait_for_new_page("#invite-submit")
    assert page.text("#user-status") == "招待中"
    detail_path = page.path.split("?")[0]

    invitation = mailbox.newest_to(user_email, INVITATION_SUBJECT)
    assert invitation.body.startswith("鈴木 一郎 様"), invitation.body
    assert f"{contractor.email}より鈴木 一郎様が" in invitation.body
    assert "本メール受領後、7日以内に下記URLへアクセスして利用者登録を完了してください。" in invitation.body
    assert "送信専用" in invitation.body
    link = next(link for link in invitation.links if "/register?ticket=" in link)

    user = new_browser()
    user.driver.get(link)
    assert user.text("#register-email") == user_email
    user.fill("#password", USER_PASSWORD)
    user.fill("#password_confirmation", USER_PASSWORD)
    user.click_and_wait_for_new_page("#register-submit")
    assert user.text("#confirm-email") == user_email
    user.click_and_wait_for_new_page("#register-confirm")
    user.wait_for_path("/login?notice=registered")
    sign_in(user, Account(user_email, USER_PASSWORD))
    enrol_authenticator(user)
    continue_to_home(user)
    user.open("/admin")
    assert user.status == 403
    assert "管理コンソールは、契約者と管理者権限を持つ利用者のみご利用いただけます。" in user.text("section")

    page.open(detail_path)
    assert page.text("#user-status") == "利用中"
    assert page.text("#user-two-step") == "Authenticator"
    page.click_and_wait_for_new_page("#change-email")
    new_email = "moved-" + unique_email
    page.fill("#email", new_email)
    page.click_and_wait_for_new_page("#email-submit")
    assert page.text("#new-email") == new_email
    page.click_and_wait_for_new_page("#email-ok")
    assert page.path.startswith(detail_path)

    change = mailbox.newest_to(new_email, EMAIL_CHANGE_SUBJECT)
    assert "ご登録いただきましたメールアドレスへの変更を完了させるために" in change.body
    change_link = next(link for link in change.links if "/lo/email?ticket=" in link)
    mover = new_browser()
    mover.driver.get(change_link)
    mover.fill("#password", NEW_PASSWORD)
    mover.fill("#password_confirmation", NEW_PASSWORD)
    mover.click_and_wait_for_new_page("#email-change-submit")
    assert "メールアドレスの変更が完了しました。" in mover.text("section")

    sign_in(mover, Account(user_email, NEW_PASSWORD))
    assert mover.text("#login-failure") == "メールアドレスまたはパスワードが正しくありません。"
    sign_in(mover, Account(new_email, NEW_PASSWORD))
    mover.wait_for_path("/two-step")
    assert mover.find("#choose-authenticator"), "two-step verification is enrolled again"
    user.open("/home")
    user.wait_for_path("/login?next=/home")

    page.open("/admin/users")
    page.fill("#q", full_width(new_email.upper()))
    page.click_and_wait_for_new_page("#search-submit")
    rows = page.driver.find_elements("css selector", "#users tbody tr")
    assert len(rows) == 1 and "鈴木 一郎" in rows[0].text and new_email in rows[0].text, page.text("#users")
    page.fill("#q", "鈴木 一郎")  # the browser sends the space as "+"
    page.click_and_wait_for_new_page("#search-submit")
    rows = page.driver.find_elements("css selector", "#users tbody tr")
    assert len(rows) == 1 and new_email in rows[0].text, page.text("#users")

    # 「全員のログインを終了」: the mover's half-way session ends; the admin's own stays.
    page.click_and_wait_for_new_page("#end-all-link")
    page.click_and_wait_for_new_page("#end-all-submit")
    page.wait_for_path("/admin/users?notice=all_sessions_ended")
    assert page.text("#admin-notice") == "この契約のすべてのログインを終了しました(このログインを除く)。"
    mover.open("/two-step")
    assert mover.path.startswith("/login"), mover.path


def full_width(text):
    """The text as typed with a Japanese input method in full-width mode: ＭＯＶＥＤ－…＠…"""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
