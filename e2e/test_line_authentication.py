"""Scenario: line authentication (SPEC D1–D7; manual 1.3, 6) with nginx on 127.0.0.2 as the carrier
gateway, in a real browser.

The contractor of a new contract signs in over the internet (two-step, browser remembered), and in
the admin console's 「回線認証」 registers a wrong line number and 「回線認証」 in one 「保存」: the
console's own internet session stops at its next page. Over the gateway the sign-in is refused
(the line is not registered); the same request sent straight to Sekisho with a forged line header is
no line at all; the internet sign-in is refused after the password. The contractor gets back the
manual's way: 契約情報変更ログイン over the internet shows only 「プラン変更および通信経路設定」,
which switches back to 「回線認証+インターネット」. With the number fixed, the sign-in over the gateway
lands without two-step, and after 「回線認証」 again that line session keeps working while the
internet is refused.
"""

from __future__ import annotations

import http.client
import re
import urllib.parse

import pyotp

from sekisho_e2e.accounts import create_account, sign_in
from sekisho_e2e.browser import Page, start_chromium
from sekisho_e2e.two_step import save_recovery_code, submit_code

REFUSED = "回線認証エラー"


def enrol_and_remember(page: Page) -> None:
    """First two-step enrolment with 「このブラウザを記憶する」, so later sign-ins here skip it."""
    page.wait_for_path("/two-step")
    page.click_and_wait_for_new_page("#choose-authenticator")
    submit_code(page, pyotp.TOTP(page.text("#totp-secret").replace(" ", "")).now(), remember=True)
    save_recovery_code(page)
    page.click_and_wait_for_new_page("#done-continue")
    page.wait_for_path("/home")


def save_line_settings(page: Page, route: str, numbers: str) -> None:
    page.open("/admin/line")
    page.find(f"#route-{route}").click()
    page.fill("#numbers", numbers)
    page.click_and_wait_for_new_page("#line-save")


def forged_sign_in(server_port: int, entrance_host: str, account) -> tuple[int, str]:
    """Straight to Sekisho (not through the gateway) with the entrance's Host and a forged line header."""
    headers = {"Host": entrance_host, "X-Line-Number": "CAF1234567890"}
    connection = http.client.HTTPConnection("127.0.0.1", server_port, timeout=10)
    connection.request("GET", "/login", headers=headers)
    form = connection.getresponse()
    body = form.read().decode()
    cookie = form.getheader("Set-Cookie").split(";")[0]
    token = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
    fields = urllib.parse.urlencode({"_csrf": token, "email": account.email, "password": account.password})
    connection.request("POST", "/login", body=fields, headers={
        **headers, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    return answer.status, answer.read().decode()


def test_line_authentication_through_the_gateway(page, mailbox, unique_email, server, line_gateway):
    contractor = create_account(page, mailbox, unique_email)
    sign_in(page, contractor)
    enrol_and_remember(page)

    save_line_settings(page, "line-only", "CAF9999999999")
    assert page.status == 403 and REFUSED in page.text("h1"), "the console's internet session stops at its next page"
    page.open("/home")
    page.wait_for_path("/login?next=/home")

    line = Page(start_chromium(), line_gateway.url)
    try:
        sign_in(line, contractor)
        assert line.status == 403 and "ご利用の回線番号を正しく登録しているか" in line.text("section")
        assert line.path == "/login", "the gateway's line is not registered"

        status, body = forged_sign_in(server.port, line_gateway.url.removeprefix("http://"), contractor)
        assert status == 403 and "ご利用の回線を確認できなかった" in body, "a forged header from another peer is no line"

        sign_in(page, contractor)
        assert page.status == 403 and "登録された回線の回線認証用ログイン画面からのみ" in page.text("section")

        page.open("/contract/login")
        page.fill("#email", contractor.email)
        page.fill("#password", contractor.password)
        page.click_and_wait_for_new_page("#login-submit")
        page.wait_for_path("/contract")
        assert page.find("#menu-plan") and page.find("#menu-top")
        assert not page.driver.find_elements("css selector", "#menu-password"), "only the route setting over the internet"
        page.click_and_wait_for_new_page("#menu-plan a")
        page.find("#route-line-internet").click()
        page.click_and_wait_for_new_page("#route-submit")
        page.click_and_wait_for_new_page("#confirm-submit")
        page.wait_for_path("/contract/plan/route/done")
        page.open("/contract")
        page.click_and_wait_for_new_page("#menu-top-submit")

        sign_in(page, contractor)
        page.wait_for_path("/home")
        page.open("/admin/line")
        page.click_and_wait_for_new_page(".remove-line")
        save_line_settings(page, "line-internet", "caf-1234-567890")
        page.wait_for_path("/admin/line?notice=saved")
        assert "CAF1234567890" in page.text("#lines")

        sign_in(line, contractor)
        line.wait_for_path("/home")  # no two-step: the line replaced it

        save_line_settings(page, "line-only", "")
        assert page.status == 403 and REFUSED in page.text("h1")
        line.open("/home")
        assert line.status == 200 and line.path == "/home", "the session over the registered line keeps working"
        sign_in(page, contractor)
        assert page.status == 403, "the internet sign-in is refused after the password"
    finally:
        line.driver.quit()
