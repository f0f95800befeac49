import Foundation
import Mustache

/// Renders pages from the bundled Mustache templates, one library per language with its texts baked
/// in (``TemplateLocalizer``) and values escaped by ``HTMLEscaping``. Every template extends `layout`; templates see what their view models
/// encode, turned into dictionaries once per render (``RenderTree``).
public struct PageRenderer: Sendable {
    private let libraries: [Language: MustacheLibrary]

    /// The templates shipped in the bundle, localized with `strings`.
    public static func load(strings: Strings) throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates") else {
            throw ResourceMissing(name: "templates")
        }
        let sources = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".mustache") }
            .map { file in
                (name: String(file.dropLast(".mustache".count)),
                 text: try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8))
            }
        HTMLEscaping.register()
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            let localizer = TemplateLocalizer(texts: strings.table(language))
            var library = MustacheLibrary()
            for source in sources {
                try library.register(HTMLEscaping.pragma + localizer.localize(source.text, template: source.name), named: source.name)
            }
            libraries[language] = library
        }
        return PageRenderer(libraries: libraries)
    }

    func render(_ template: String, _ model: some Encodable, in language: Language) -> String {
        guard let html = libraries[language]?.render(RenderTree.make(model), withTemplate: template) else {
            preconditionFailure("template \(template) is part of the build")
        }
        return html
    }
}
