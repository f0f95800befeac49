/// The view model of every page: the layout's fields plus the page's own `content`.
/// Templates see what `Encodable` encodes: the stored properties (``RenderTree``).
struct Page<Content>: Sendable, Encodable where Content: Sendable & Encodable {
    let lang: String
    let title: String
    /// The link of the language switch, back to this page in the other language.
    let languageSwitch: String
    let csrf: String?
    let signedIn: SignedInBar?
    let content: Content
}

/// The header of signed-in pages: who is signed in, and the sign-out button.
struct SignedInBar: Sendable, Encodable {
    let name: String
    let email: String
}

/// A page that says one thing: an error, an unusable link, a feature that is not available.
struct MessageContent: Sendable, Encodable {
    let heading: String
    let paragraphs: [String]
    let links: [PageLink]
    let reference: String?

    init(heading: String, paragraphs: [String], links: [PageLink] = [], reference: String? = nil) {
        self.heading = heading
        self.paragraphs = paragraphs
        self.links = links
        self.reference = reference
    }
}

struct PageLink: Sendable, Encodable {
    let href: String
    let label: String
}
