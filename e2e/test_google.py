"""Scenario (h): Google sign-in and registration (SPEC B4, A2, E2, F1, F4) against a local OpenID
provider that the server is configured to use as Google (`sekisho_e2e.openid_provider`).

A contractor applies for a contract with 「Googleアカウントで申し込む」, confirms it through the mail
link, signs out and signs in with 「Googleアカウントでログイン」 without any two-step verification.
Cancelling at the provider and an unknown Google account both come back to the sign-in page with the
reason. The contractor invites a user, who registers with 「Googleアカウントで登録」 and 「確認」 and then
signs in with Google; a second user registers with a password and is moved to Google by the
contractor's 「メールアドレス変更」 link; the old password no longer works.
"""

import uuid

from sekisho_e2e.accounts import Account, sign_in

INVITATION_SUBJECT = "【コーデックストレージ】利用者登録のご案内"
EMAIL_CHANGE_SUBJECT = "【コーデックストレージ】メールアドレス変更登録"
USER_PASSWORD = "green tea at nine"


def at_google(page, google, subject, email, decision="#approve"):
    """The person at the provider's page: signs in as `subject` and approves (or denies)."""
    assert page.driver.current_url.startswith(google.issuer + "/authorize"), page.driver.current_url
    page.fill("#subject", subject)
    page.fill("#email", email)
    page.click_and_wait_for_new_page(decision)


def google_sign_in(page, google, subject, email):
    page.open("/login")
    page.click_and_wait_for_new_page("#login-google")
    at_google(page, google, subject, email)


def test_google_contract_invitation_and_email_change(page, mailbox, new_browser, google, unique_email):
    subject = "g-" + uuid.uuid4().hex
    page.open("/apply")
    page.fill("#company_name", "グーグル商事株式会社")
    page.fill("#name", "山田 花子")
    page.fill("#email", unique_email)
    page.find("#plan-basic").click()
    page.click_and_wait_for_new_page("#apply-google")
    at_google(page, google, subject, "hanako@gmail.example")
    assert page.text("h1") == "確認メールを送信しました", page.text("section")
    mail = mailbox.newest_to(unique_email)
    page.driver.get(next(link for link in mail.links if "/apply/confirm?ticket=" in link))
    page.click_and_wait_for_new_page("#confirm-submit")
    page.wait_for_path("/login?notice=applied")

    google_sign_in(page, google, subject, "hanako@gmail.example")
    page.wait_for_path("/home")
    assert page.text("#home-email") == unique_email
    page.click_and_wait_for_new_page("#logout")

    page.open("/login")
    page.click_and_wait_for_new_page("#login-google")
    at_google(page, google, subject, "hanako@gmail.example", decision="#deny")
    assert "Googleでの認証はキャンセルされました。" in page.text("#login-failure")
    google_sign_in(page, google, "stranger-" + subject, "stranger@gmail.example")
    assert "このGoogleアカウントで登録されたアカウントはありません。" in page.text("#login-failure")
    sign_in(page, Account(unique_email, "any password at all"))
    assert page.text("#login-failure") == "メールアドレスまたはパスワードが正しくありません。"
    assert "Google・Facebookアカウントで登録された方は" in page.text("#login-provider-hint")

    google_sign_in(page, google, subject, "hanako@gmail.example")
    page.wait_for_path("/home")
    first_user = invite(page, mailbox, "g1-" + unique_email, "鈴木 一郎")
    user = new_browser()
    user.driver.get(first_user)
    user.click_and_wait_for_new_page("#register-google")
    at_google(user, google, "user-" + subject, "ichiro@gmail.example")
    assert user.text("#confirm-email") == "g1-" + unique_email
    assert "ichiro@gmail.example" in user.text("#confirm-provider-account")
    user.click_and_wait_for_new_page("#federation-confirm")
    user.wait_for_path("/login?notice=registered")
    google_sign_in(user, google, "user-" + subject, "ichiro@gmail.example")
    user.wait_for_path("/home")
    assert user.text("#home-email") == "g1-" + unique_email

    second_user = invite(page, mailbox, "p2-" + unique_email, "佐藤 次郎")
    mover = new_browser()
    mover.driver.get(second_user)
    mover.fill("#password", USER_PASSWORD)
    mover.fill("#password_confirmation", USER_PASSWORD)
    mover.click_and_wait_for_new_page("#register-submit")
    mover.click_and_wait_for_new_page("#register-confirm")
    mover.wait_for_path("/login?notice=registered")

    page.open("/admin/users")
    page.fill("#q", "p2-" + unique_email)
    page.click_and_wait_for_new_page("#search-submit")
    page.click_and_wait_for_new_page("#users tbody tr a")
    page.click_and_wait_for_new_page("#change-email")
    new_email = "jiro-" + unique_email
    page.fill("#email", new_email)
    page.click_and_wait_for_new_page("#email-submit")
    page.click_and_wait_for_new_page("#email-ok")
    change = mailbox.newest_to(new_email, EMAIL_CHANGE_SUBJECT)
    mover.driver.get(next(link for link in change.links if "/lo/email?ticket=" in link))
    mover.click_and_wait_for_new_page("#email-change-google")
    at_google(mover, google, "jiro-" + subject, "jiro@gmail.example")
    assert mover.text("#confirm-email") == new_email
    mover.click_and_wait_for_new_page("#federation-confirm")
    assert "メールアドレスの変更が完了しました。" in mover.text("section")
    sign_in(mover, Account(new_email, USER_PASSWORD))
    assert mover.text("#login-failure") == "メールアドレスまたはパスワードが正しくありません。", "the password is gone"
    google_sign_in(mover, google, "jiro-" + subject, "jiro@gmail.example")
    mover.wait_for_path("/home")
    assert mover.text("#home-email") == new_email


def invite(page, mailbox, email, name):
    """The contractor's 「利用者登録」 in the admin console; returns the invitation link."""
    page.open("/admin/users")
    page.click_and_wait_for_new_page("#invite-link")
    page.fill("#name", name)
    page.fill("#email", email)
    page.click_and_wait_for_new_page("#invite-submit")
    invitation = mailbox.newest_to(email, INVITATION_SUBJECT)
    return next(link for link in invitation.links if "/register?ticket=" in link)
