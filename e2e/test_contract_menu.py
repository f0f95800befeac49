"""Scenario (g): the contract menu (SPEC J1–J4, F2–F7, G1, A3; manual 2.1, 3, 6.2) in a real browser.

The contractor of a new trial contract follows 「パスワード変更、その他契約情報の変更はこちら」 to
契約情報変更ログイン, signs in with two-step verification and lands on 契約情報変更メニュー with every
item; upgrades the trial to the basic plan through the confirmation page; changes the password and
gets the completion page and the notice mail; leaves by 「トップ画面へ」 and signs in with the new password.

A second contractor changes the login email by 「ログイン方法の設定」: the link mailed to the new address
asks for the password and returns to the menu, the old address gets a notice; then 「解約」 with the box
and the password signs everyone out, a mail confirms it, and sign-in says the contract was cancelled.
"""

from sekisho_e2e.accounts import create_account
from sekisho_e2e.two_step import enrol_authenticator

NEW_PASSWORD = "autumn leaves in kyoto"
NOTICE_SUBJECT = "【コーデックストレージ】パスワード変更のお知らせ"


def enter_contract_menu(page, contractor) -> None:
    """From the sign-in page's link through 契約情報変更ログイン and a first two-step enrolment."""
    page.open("/login")
    page.click_and_wait_for_new_page("#contract-menu-link")
    page.wait_for_path("/contract/login")
    assert page.text("h1") == "契約情報変更ログイン"
    page.fill("#email", contractor.email)
    page.fill("#password", contractor.password)
    page.click_and_wait_for_new_page("#login-submit")
    page.wait_for_path("/two-step")
    enrol_authenticator(page)
    page.click_and_wait_for_new_page("#done-continue")
    page.wait_for_path("/contract")
    assert page.text("h1") == "契約情報変更メニュー"
    assert "あなたに許可されたメニューのみ表示しております。" in page.text("section")
    for item in ["login_method", "password", "details", "plan", "cancel", "top"]:
        assert page.find(f"#menu-{item}"), item


def upgrade_to_basic(page) -> None:
    page.click_and_wait_for_new_page("#menu-plan a")
    assert page.text("#plan-current") == "無料トライアル"
    page.click_and_wait_for_new_page("#plan-upgrade")
    assert "基本プランへ変更します" in page.text("#confirm-change")
    page.click_and_wait_for_new_page("#confirm-submit")
    assert page.text("#plan-current") == "基本プラン"
    page.click_and_wait_for_new_page("#back-to-menu")


def test_contract_menu_plan_and_password(page, mailbox, unique_email):
    contractor = create_account(page, mailbox, unique_email)
    enter_contract_menu(page, contractor)
    upgrade_to_basic(page)

    page.click_and_wait_for_new_page("#menu-password a")
    page.fill("#current_password", contractor.password)
    page.fill("#password", NEW_PASSWORD)
    page.fill("#password_confirmation", NEW_PASSWORD)
    page.click_and_wait_for_new_page("#password-change-submit")
    page.wait_for_path("/contract/password/done")
    assert page.text("#back-to-menu") == "契約者情報メニューへ"
    notice = mailbox.newest_to(contractor.email, NOTICE_SUBJECT)
    assert "パスワードが変更されました" in notice.body

    page.open("/contract")  # the mailbox was read in this browser
    page.click_and_wait_for_new_page("#menu-top-submit")
    page.wait_for_path("/login")
    page.fill("#email", contractor.email)
    page.fill("#password", NEW_PASSWORD)
    page.click_and_wait_for_new_page("#login-submit")
    page.wait_for_path("/two-step")


def test_contract_menu_email_change_and_cancellation(page, mailbox, unique_email):
    contractor = create_account(page, mailbox, unique_email)
    new_email = "moved-" + unique_email
    enter_contract_menu(page, contractor)
    upgrade_to_basic(page)

    page.click_and_wait_for_new_page("#menu-login_method a")
    page.fill("#email", new_email)
    page.fill("#email_confirmation", new_email)
    page.click_and_wait_for_new_page("#login-method-submit")
    page.wait_for_path("/contract/login_method/sent")
    mail = mailbox.newest_to(new_email, "【コーデックストレージ】メールアドレス変更登録")
    assert "7日間以内" in mail.body
    page.driver.get(next(link for link in mail.links if link.startswith(f"{page.base_url}/lo/email?ticket=")))
    assert page.text("#email-change-email") == new_email
    page.fill("#password", NEW_PASSWORD)
    page.fill("#password_confirmation", NEW_PASSWORD)
    page.click_and_wait_for_new_page("#email-change-submit")
    page.wait_for_path("/contract?notice=email_changed")
    assert "メールアドレスの変更が完了しました" in page.text("#menu-notice")
    assert new_email in mailbox.newest_to(contractor.email, "【コーデックストレージ】メールアドレス変更のお知らせ").body

    page.open("/contract")  # the mailbox was read in this browser
    page.click_and_wait_for_new_page("#menu-cancel a")
    assert page.text("#cancel-erasure-date")
    page.find("#confirm").click()
    page.fill("#password", NEW_PASSWORD)
    page.click_and_wait_for_new_page("#cancel-submit")
    assert page.text("h1") == "解約手続きが完了しました"
    assert "解約手続きが完了しました" in mailbox.newest_to(new_email, "【コーデックストレージ】解約手続き完了のお知らせ").body

    page.open("/login")
    page.fill("#email", new_email)
    page.fill("#password", NEW_PASSWORD)
    page.click_and_wait_for_new_page("#login-submit")
    assert page.text("h1") == "このご契約は解約されています"
