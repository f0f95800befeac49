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

    def newest_to(self, address: str, subject: str | None = None, timeout: float = TIMEOUT) -> Mail:
        """Opens the newest mail to `address` (with `subject`, when given), reloading the list until
        one is queued."""
        deadline = time.monotonic() + timeout
        while True:
            rows = self._rows(address, subject)
            if rows:
                self.page.open(rows[0].removeprefix(self.page.base_url))
                return self._read_open_mail()
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail to {address} ({subject or 'any subject'}) in /dev/mail within {timeout:.0f}s")
            time.sleep(0.2)  # polling interval

    def count_to(self, address: str, subject: str) -> int:
        """How many messages to `address` with `subject` the mailbox lists now."""
        return len(self._rows(address, subject))

    def _rows(self, address: str, subject: str | None) -> list[str]:
        """The links of the listed messages to `address` (with `subject`), newest first."""
        self.page.open("/dev/mail")
        self.page.find("h1")
        links = []
        for row in self.page.driver.find_elements(By.CSS_SELECTOR, "table.mailbox tbody tr"):
            link = row.find_element(By.CSS_SELECTOR, "a.mail-link")
            if (row.find_element(By.CSS_SELECTOR, "td:nth-child(2)").text.strip() == address
                    and (subject is None or link.text.strip() == subject)):
                links.append(link.get_attribute("href"))
        return links

    def _read_open_mail(self) -> Mail:
        body = self.page.find("#mail-body")
        return Mail(subject=self.page.text("#mail-subject"),
                    to=self.page.text("#mail-to"),
                    body=body.text,
                    links=[a.get_attribute("href") for a in body.find_elements(By.TAG_NAME, "a")])
