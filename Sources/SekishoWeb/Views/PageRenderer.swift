import Foundation
import Mustache

/// Renders pages from the bundled Mustache templates. Every template extends `layout`; templates
/// see only stored properties of their view models, read once per render (``RenderTree``).
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    init(library: MustacheLibrary) {
        self.library = library
    }

    /// The templates shipped in the bundle.
    public static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.resourceURL?.appendingPathComponent("templates").path else {
            throw ResourceMissing(name: "templates")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory))
    }

    public func render(_ template: String, _ model: Any) -> String {
        guard let html = library.render(RenderTree.make(model) ?? model, withTemplate: template) else {
            preconditionFailure("template \(template) is part of the build")
        }
        return html
    }

    /// The names of every template (for tests that check each one renders).
    public func has(_ template: String) -> Bool {
        library.getTemplate(named: template) != nil
    }
}
