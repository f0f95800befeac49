"""Scenario (b): the language switch shows the English sign-in page and goes back to Japanese."""


def test_language_switch_to_english_and_back(page):
    page.open("/login")
    assert page.text("h1") == "ログイン"
    assert page.find("html").get_attribute("lang") == "ja"
    assert page.text("a.language") == "English"

    page.click_and_wait_for_new_page("a.language")
    page.wait_for_path("/login")
    assert page.text("h1") == "Sign in"
    assert page.find("html").get_attribute("lang") == "en"
    assert page.text("a.language") == "日本語"

    page.click_and_wait_for_new_page("a.language")
    page.wait_for_path("/login")
    assert page.text("h1") == "ログイン"
    assert page.find("html").get_attribute("lang") == "ja"
