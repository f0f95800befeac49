"""Two-step verification in the browser: the QR code read back by zbarimg, codes, the recovery code."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

import pyotp

from .browser import Page
from .mailbox import DevMailbox

SERVICE_NAME = "コーデックストレージ"


@dataclass(frozen=True)
class OtpAuthURI:
    """The parts of an `otpauth://totp/<label>?secret=…&issuer=…` URI, percent-decoded."""
    label: str
    secret: str
    issuer: str

    @classmethod
    def parse(cls, uri: str) -> OtpAuthURI:
        parts = urlsplit(uri)
        query = parse_qs(parts.query)
        assert uri.startswith("otpauth://totp/") and "secret" in query and "issuer" in query, uri
        return cls(label=unquote(parts.path.removeprefix("/")), secret=query["secret"][0], issuer=query["issuer"][0])


def scan_qr_code(page: Page) -> str:
    """Screenshots the `<svg>` in figure#totp-qr and returns what `zbarimg` (Debian zbar-tools) decodes."""
    svg = page.find("#totp-qr svg")
    # chromedriver clips an element's screenshot from the wrong place when the element is not
    # wholly in the viewport (seen with chromium 156): bring the image into view first.
    page.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", svg)
    png = svg.screenshot_as_png
    with tempfile.NamedTemporaryFile(prefix="sekisho-qr-", suffix=".png") as image:
        image.write(png)
        image.flush()
        result = subprocess.run(["zbarimg", "--raw", "-q", image.name], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"zbarimg decoded no QR code (exit {result.returncode}) {result.stderr}"
    return result.stdout.strip()


def submit_code(page: Page, code: str, remember: bool = False) -> None:
    """Types a 6-digit code into #code, sets 「このブラウザを一定期間、記憶する」 and clicks 「>」."""
    page.fill("#code", code)
    checkbox = page.find("#remember")
    if checkbox.is_selected() != remember:
        checkbox.click()
    page.click_and_wait_for_new_page("#code-submit")


def save_recovery_code(page: Page) -> str:
    """On the recovery code page: ticks 「リカバリコードを保存しました」, goes on to /two-step/done; returns the code."""
    code = page.text("#recovery-code")
    page.find("#saved").click()
    page.click_and_wait_for_new_page("#saved-submit")
    page.wait_for_path("/two-step/done")
    return code


def continue_to_home(page: Page) -> None:
    """「ログインする」 on /two-step/done."""
    page.click_and_wait_for_new_page("#done-continue")
    page.wait_for_path("/home")


def enrol_authenticator(page: Page) -> None:
    """From the method choice at /two-step to /two-step/done, with the key as typed from its text."""
    page.click_and_wait_for_new_page("#choose-authenticator")
    submit_code(page, pyotp.TOTP(page.text("#totp-secret").replace(" ", "")).now())
    save_recovery_code(page)


def sms_code(mailbox: DevMailbox, phone_e164: str) -> str:
    """The 6 digits of the newest SMS to the number, as the development mailbox lists it."""
    sms = mailbox.newest_to(phone_e164)
    assert sms.subject == "SMS", sms.subject
    found = re.search(rf"【{SERVICE_NAME}】認証コード: (\d{{6}})", sms.body)
    assert found, f"no code in the SMS:\n{sms.body}"
    return found.group(1)
