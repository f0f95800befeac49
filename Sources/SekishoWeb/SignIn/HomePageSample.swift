public import SekishoCore

/// A signed-in home page rendered without a request: what the template micro-benchmark
/// (`Benchmarks/`) measures, the same layout, bar and content a real `/home` renders.
public enum HomePageSample {
    public static func render(
        account: Account, browsers: [RememberedBrowser], renderer: PageRenderer, strings: Strings, language: Language = .ja
    ) -> String {
        let content = HomeContent(
            account: account, browsers: browsers, current: browsers.first?.digest, notice: nil, strings: strings,
            language: language)
        let page = Page(
            lang: language.rawValue, title: strings.text("home_title", language),
            languageSwitch: "/home?lang=\(language.other.rawValue)", csrf: "sample-csrf-token",
            signedIn: SignedInBar(name: account.person.name, email: account.person.email.value), content: content)
        return renderer.render("home", page, in: language)
    }
}
