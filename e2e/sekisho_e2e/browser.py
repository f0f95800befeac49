"""Headless Debian chromium through Debian's chromedriver, plus small waiting helpers."""

from __future__ import annotations

import os
import shutil

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 15.0


def start_chromium() -> WebDriver:
    """A fresh headless chromium asking for Japanese pages (the portal's default language)."""
    chromium = shutil.which("chromium")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        raise RuntimeError("chromium and chromedriver must be on PATH (Debian packages chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1024", "--lang=ja", "--no-first-run"):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")
    options.add_experimental_option("prefs", {"intl.accept_languages": "ja"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
    driver.set_page_load_timeout(30)
    return driver


class Page:
    """The browser at one server: navigation and waits by CSS selector."""

    def __init__(self, driver: WebDriver, base_url: str):
        self.driver = driver
        self.base_url = base_url

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    @property
    def path(self) -> str:
        """The current URL without the server part, e.g. `/login?notice=applied`."""
        url = self.driver.current_url
        return url[len(self.base_url):] if url.startswith(self.base_url) else url

    @property
    def status(self) -> int:
        """The HTTP status of the response the current page came from (0 if the browser does not say)."""
        return self.driver.execute_script(
            "const entry = performance.getEntriesByType('navigation')[0]; return entry ? entry.responseStatus : 0;")

    def find(self, css: str) -> WebElement:
        return WebDriverWait(self.driver, TIMEOUT).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, css)), f"no visible {css} on {self.path}")

    def text(self, css: str) -> str:
        return self.find(css).text.strip()

    def fill(self, css: str, value: str) -> None:
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def paste(self, css: str, value: str, clipboard_from: str) -> None:
        """Types `value` into the field `clipboard_from`, cuts it to the clipboard with the keyboard,
        and pastes it into `css`, as a person moving a password from a password manager does (ASVS
        6.2.7: nothing on the page may block it)."""
        source = self.find(clipboard_from)
        source.clear()
        source.send_keys(value)
        source.send_keys(Keys.CONTROL, "a")
        source.send_keys(Keys.CONTROL, "x")
        assert source.get_attribute("value") == "", f"cutting from {clipboard_from} did not work"
        target = self.find(css)
        target.clear()
        ActionChains(self.driver).click(target).key_down(Keys.CONTROL).send_keys("v").key_up(Keys.CONTROL).perform()
        assert target.get_attribute("value") == value, f"pasting into {css} did not give the value"

    def click_and_wait_for_new_page(self, css: str) -> None:
        """Clicks (a link or a submit button) and waits until the old page is gone."""
        element = self.find(css)
        old_html = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        # While the old document goes away, chromedriver may answer "Node with given id does not
        # belong to the document" instead of a stale element: ask again until it says stale.
        WebDriverWait(self.driver, TIMEOUT, ignored_exceptions=(WebDriverException,)).until(
            EC.staleness_of(old_html), f"{css} on {self.path} led nowhere")
        self.find("body")

    def click_expecting_no_new_page(self, css: str) -> None:
        """Clicks and checks the page stayed: chromedriver's click waits for a navigation it starts."""
        path = self.path
        self.driver.execute_script("window.e2eStayed = true;")
        self.find(css).click()
        assert self.driver.execute_script("return window.e2eStayed === true;"), f"{css} on {path} led to {self.path}"

    def wait_for_path(self, path: str) -> None:
        WebDriverWait(self.driver, TIMEOUT).until(
            lambda _: self.path == path, f"expected {path}, still at {self.path}")
