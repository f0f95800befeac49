"""Scenario (a): apply for a trial contract, confirm by mail, sign in (wrong, then right, then the
first two-step verification with an authenticator), sign out. The right password is pasted."""

from urllib.parse import parse_qs, urlsplit

from sekisho_e2e.two_step import continue_to_home, enrol_authenticator

PASSWORD = "purple elephant dances 42"
COMPANY = "E2E商事株式会社"
NAME = "山田 花子"


def test_apply_confirm_sign_in_and_sign_out(page, mailbox, unique_email):
    page.open("/login")
    assert page.text("h1") == "ログイン"
    assert page.text("#apply-link") == "新規契約のお申込みはこちら"
    page.click_and_wait_for_new_page("#apply-link")
    page.wait_for_path("/apply")

    page.fill("#company_name", COMPANY)
    page.fill("#name", NAME)
    page.fill("#email", unique_email)
    page.find("#plan-trial").click()
    page.fill("#password", PASSWORD)
    page.fill("#password_confirmation", PASSWORD)
    page.click_and_wait_for_new_page("#apply-submit")
    assert page.text("h1") == "確認メールを送信しました"

    mail = mailbox.newest_to(unique_email)
    assert mail.subject == "【コーデックストレージ】お申込みの確認"
    confirm_links = [link for link in mail.links if link.startswith(f"{page.base_url}/apply/confirm?ticket=")]
    assert len(confirm_links) == 1, f"expected one confirmation link in the body:\n{mail.body}"
    page.driver.get(confirm_links[0])
    assert page.text("h1") == "お申込みの確認"
    facts = page.text("dl.facts")
    assert COMPANY in facts and NAME in facts and unique_email in facts and "無料トライアル" in facts
    assert page.text("#confirm-submit") == "お申込みを確定する"
    page.click_and_wait_for_new_page("#confirm-submit")
    page.wait_for_path("/login?notice=applied")
    assert page.text("p.notice").startswith("お申込みが完了しました。")

    page.fill("#email", unique_email)
    page.fill("#password", "wrong " + PASSWORD)
    page.click_and_wait_for_new_page("#login-submit")
    assert page.text("#login-failure") == "メールアドレスまたはパスワードが正しくありません。"

    # The right password, pasted: the field takes it as typed.
    page.paste("#password", PASSWORD, clipboard_from="#email")
    page.fill("#email", unique_email)
    page.click_and_wait_for_new_page("#login-submit")
    page.wait_for_path("/two-step")
    enrol_authenticator(page)
    continue_to_home(page)
    assert page.text("#home-name") == NAME
    assert page.text("#home-email") == unique_email
    assert page.text("#home-contract") == COMPANY
    assert page.text("#home-role") == "契約者"
    assert page.text("#home-plan") == "無料トライアル"

    page.click_and_wait_for_new_page("#logout")
    page.wait_for_path("/login?notice=signed_out")
    assert page.text("p.notice") == "ログアウトしました。"

    page.open("/home")
    page.find("#login-submit")
    location = urlsplit(page.path)
    assert location.path == "/login" and parse_qs(location.query).get("next") == ["/home"], page.path

    # The confirmation link works once.
    page.driver.get(confirm_links[0])
    assert page.text("h1") == "このリンクはご利用いただけません"
