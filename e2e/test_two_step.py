"""Scenario (d): two-step verification (2段階認証) in real browsers.

Authenticator: the QR code decodes (zbarimg) to the otpauth URI of the key shown as text, and an
independent TOTP (pyotp) from it enrols; the recovery code must be confirmed as saved (the browser
and the server both refuse without the tick); a remembered browser skips two-step; a fresh browser
needs a code, never one already used; a lost device is replaced by the recovery code, once, and
revoked by registering a new phone from home. The enrolment, the remembered browser, the recovery
code's use and the revocation are mailed to the person.
SMS: the code listed in the development mailbox enrols a mobile number.
"""

import re
import secrets
import time

import pyotp

from sekisho_e2e.accounts import create_account, sign_in
from sekisho_e2e.two_step import (SERVICE_NAME, OtpAuthURI, continue_to_home, save_recovery_code, scan_qr_code,
                                  sms_code, submit_code)


def test_authenticator_remembered_browser_and_recovery_code(page, mailbox, new_browser, unique_email):
    account = create_account(page, mailbox, unique_email)
    sign_in(page, account)
    page.wait_for_path("/two-step")
    assert page.text("#choose-authenticator") == "Authenticatorで設定する"
    assert page.text("#choose-sms") == "携帯電話での認証はこちら"

    # The QR code and the key as text are the same key, in the otpauth URI authenticator apps read.
    page.click_and_wait_for_new_page("#choose-authenticator")
    page.wait_for_path("/two-step/app")
    shown_key = page.text("#totp-secret")
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", shown_key), shown_key
    uri = OtpAuthURI.parse(scan_qr_code(page))
    assert uri.secret == shown_key.replace(" ", "")
    assert uri.issuer == SERVICE_NAME
    assert uri.label == f"{SERVICE_NAME}:{account.email}"
    totp = pyotp.TOTP(uri.secret)

    first_code = totp.now()
    submit_code(page, first_code, remember=True)
    page.wait_for_path("/two-step")
    recovery_code = page.text("#recovery-code")
    assert re.fullmatch(r"[0-9A-Z]+(-[0-9A-Z]+)+", recovery_code), recovery_code
    assert page.find("#saved").find_element("xpath", "..").text.strip() == "リカバリコードを保存しました"

    # Without the tick: the browser keeps the form (`required`), and the server refuses it too.
    assert page.find("#saved").get_attribute("required") is not None
    page.click_expecting_no_new_page("#saved-submit")
    assert page.path == "/two-step" and page.find("#recovery-code")
    page.driver.execute_script("document.getElementById('saved').removeAttribute('required')")
    page.click_and_wait_for_new_page("#saved-submit")
    assert page.status == 422
    assert page.find("#saved-error")
    assert page.text("#recovery-code") == recovery_code

    assert save_recovery_code(page) == recovery_code
    assert page.text("h1") == "2段階認証完了"
    assert page.text("a#done-continue") == "ログインする"
    continue_to_home(page)
    assert page.text("#home-name") == account.name
    assert page.text("#home-email") == account.email
    assert "このブラウザ" in page.text("table#browsers tbody")

    # The remembered browser signs in without two-step.
    page.click_and_wait_for_new_page("#logout")
    page.wait_for_path("/login?notice=signed_out")
    sign_in(page, account)
    page.wait_for_path("/home")

    # A fresh browser needs a code: not the one already used (seconds ago, so still inside the
    # server's window of one step either side), but the next step's.
    fresh = new_browser()
    sign_in(fresh, account)
    fresh.wait_for_path("/two-step")
    assert fresh.find("#code")
    assert fresh.text("p.lost-device") == "デバイスを紛失した場合はこちら"
    assert fresh.text("#lost-device") == "こちら"
    submit_code(fresh, first_code)
    assert fresh.status == 422
    assert "このパスコードはすでに使用されています" in fresh.text("p#two-step-failure")
    assert fresh.find("#code")
    submit_code(fresh, totp.at(time.time() + 30))
    fresh.wait_for_path("/home")

    # Lost device: the recovery code, typed differently, signs in once and is replaced.
    lost = new_browser()
    sign_in(lost, account)
    lost.click_and_wait_for_new_page("#lost-device")
    lost.wait_for_path("/two-step/recovery")
    lost.fill("#recovery_code", recovery_code.lower().replace("-", " "))
    lost.click_and_wait_for_new_page("#recovery-submit")
    lost.wait_for_path("/two-step")
    new_recovery_code = lost.text("#recovery-code")
    assert new_recovery_code != recovery_code
    save_recovery_code(lost)
    continue_to_home(lost)

    # The lost phone is revoked by registering a new one (ASVS 6.5.6); right after the recovery
    # code's sign-in no step-up is asked. The old phone's codes stop working.
    lost.click_and_wait_for_new_page("#two-step-restart-link")
    lost.wait_for_path("/two-step/restart")
    lost.click_and_wait_for_new_page("#two-step-restart")
    lost.wait_for_path("/two-step")
    lost.click_and_wait_for_new_page("#choose-authenticator")
    new_totp = pyotp.TOTP(lost.text("#totp-secret").replace(" ", ""))
    assert new_totp.secret != totp.secret
    submit_code(lost, new_totp.now())
    save_recovery_code(lost)
    continue_to_home(lost)
    old_phone = new_browser()
    sign_in(old_phone, account)
    old_phone.wait_for_path("/two-step")
    submit_code(old_phone, totp.at(time.time() + 30))
    assert old_phone.status == 422
    assert "パスコードが正しくありません" in old_phone.text("p#two-step-failure")

    again = new_browser()
    sign_in(again, account)
    again.click_and_wait_for_new_page("#lost-device")
    again.fill("#recovery_code", recovery_code)
    again.click_and_wait_for_new_page("#recovery-submit")
    assert again.status == 422
    assert again.text("p#two-step-failure")
    assert again.find("#recovery_code")

    # The mailbox heard of the registration, the remembered browser and the recovery code's use (ASVS 6.3.7).
    enrolled = mailbox.newest_to(account.email, "【コーデックストレージ】2段階認証の登録のお知らせ")
    assert "2段階認証(Authenticator)が登録されました" in enrolled.body
    assert "記憶したブラウザ: " in mailbox.newest_to(account.email, "【コーデックストレージ】ブラウザ記憶のお知らせ").body
    assert "リカバリーコードを使用したログイン" in mailbox.newest_to(account.email, "【コーデックストレージ】リカバリーコード使用のお知らせ").body
    assert "2段階認証の登録が解除されました" in mailbox.newest_to(account.email, "【コーデックストレージ】2段階認証の登録解除のお知らせ").body


def test_sms_enrolment_with_the_code_from_the_mailbox(page, mailbox, unique_email):
    account = create_account(page, mailbox, unique_email)
    sign_in(page, account)
    page.click_and_wait_for_new_page("#choose-sms")
    page.wait_for_path("/two-step/sms")

    page.fill("#phone", "03-1234-5678")
    page.click_and_wait_for_new_page("#phone-submit")
    assert page.status == 422
    assert page.text("p#phone-error")

    subscriber = f"{secrets.randbelow(10**8):08d}"
    page.fill("#phone", f"090-{subscriber[:4]}-{subscriber[4:]}")
    page.click_and_wait_for_new_page("#phone-submit")
    page.wait_for_path("/two-step/sms/code")
    code = sms_code(mailbox, f"+8190{subscriber}")

    page.open("/two-step/sms/code")
    submit_code(page, code)
    page.wait_for_path("/two-step")
    save_recovery_code(page)
    continue_to_home(page)
    assert page.text("#home-email") == account.email
