"""The development mailbox at /dev/mail, read through the browser."""

from __future__ import annotations

import time
from dataclasses import dataclass

from selenium.webdriver.common.by import By

from .browser import TIMEOUT, Page


@dataclass
class Mail:
    subject: str
    to: str
    body: str
    links: list[str]


class DevMailbox:
    """`/dev/mail` lists messages newest first; `/dev/mail/<id>` shows one."""

    def __init__(self, page: Page):
        self.page = page

    def newest_to(self, address: str, timeout: float = TIMEOUT) -> Mail:
        """Opens the newest mail to `address`, reloading the list until one is queued."""
        deadline = time.monotonic() + timeout
        while True:
            self.page.open("/dev/mail")
            self.page.find("h1")
            for row in self.page.driver.find_elements(By.CSS_SELECTOR, "table.mailbox tbody tr"):
                if row.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text.strip() == address:
                    self.page.open(row.find_element(By.CSS_SELECTOR, "a.mail-link").get_attribute("href")
                                   .removeprefix(self.page.base_url))
                    return self._read_open_mail()
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail to {address} in /dev/mail within {timeout:.0f}s")
            time.sleep(0.2)  # polling interval

    def _read_open_mail(self) -> Mail:
        body = self.page.find("#mail-body")
        return Mail(subject=self.page.text("#mail-subject"),
                    to=self.page.text("#mail-to"),
                    body=body.text,
                    links=[a.get_attribute("href") for a in body.find_elements(By.TAG_NAME, "a")])
