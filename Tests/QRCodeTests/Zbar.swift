import Foundation
@testable import QRCode
import Testing

/// Reads symbols back with `zbarimg` (Debian/Ubuntu package zbar-tools), an independent decoder.
///
/// A symbol is drawn into a binary PGM (P5) image, 4 pixels per module with the standard 4-module
/// quiet zone, and decoded with `zbarimg --raw -q -Sbinary`: `-Sbinary` turns off zbar's
/// character-set guessing (which can mistake UTF-8 for Shift JIS) and prints the payload bytes
/// exactly, without a trailing newline.
enum Zbar {
    /// Set `SEKISHO_SKIP_ZBAR=1` to skip the decoding tests on a machine without zbar-tools.
    static let skipRequested = ProcessInfo.processInfo.environment["SEKISHO_SKIP_ZBAR"] == "1"

    static let missingMessage: Comment = """
        zbarimg was not found on PATH. Install zbar-tools (apt-get install zbar-tools, \
        brew install zbar) or set SEKISHO_SKIP_ZBAR=1 to skip the QR decoding tests.
        """

    /// The first executable `zbarimg` on PATH.
    static let executable: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("zbarimg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// What zbarimg made of one image.
    struct Result {
        let status: Int32
        let output: [UInt8]
        let errors: String
    }

    /// The payload bytes zbarimg decodes from `code`; records an issue and returns `nil` when it
    /// fails or zbarimg is missing.
    static func decode(_ code: QRCode, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8]? {
        let zbarimg = try #require(executable, missingMessage, sourceLocation: sourceLocation)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sekisho-qr-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let image = directory.appendingPathComponent("code.pgm")
        try pgm(code).write(to: image)
        let result = try run(zbarimg, arguments: ["--raw", "-q", "-Sbinary", image.path], in: directory)
        guard result.status == 0 else {
            Issue.record(
                "zbarimg exited with \(result.status) for version \(code.version) mask \(code.mask): \(result.errors)",
                sourceLocation: sourceLocation
            )
            return nil
        }
        return result.output
    }

    /// `code` as a binary greymap: black modules on white, `scale` pixels per module, with a
    /// `quietZone`-module light margin.
    static func pgm(_ code: QRCode, scale: Int = 4, quietZone: Int = 4) -> Data {
        let side = (code.size + 2 * quietZone) * scale
        var data = Data("P5\n\(side) \(side)\n255\n".utf8)
        data.reserveCapacity(data.count + side * side)
        for y in 0..<side {
            for x in 0..<side {
                // isDark is false outside the symbol, which draws the quiet zone.
                let dark = code.isDark(row: y / scale - quietZone, column: x / scale - quietZone)
                data.append(dark ? 0 : 255)
            }
        }
        return data
    }

    /// Runs `executable` to completion with its output going to files (no pipe to fill up).
    private static func run(_ executable: URL, arguments: [String], in directory: URL) throws -> Result {
        let outputFile = directory.appendingPathComponent("stdout")
        let errorFile = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputFile)
        let errors = try FileHandle(forWritingTo: errorFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        try output.close()
        try errors.close()
        return Result(
            status: process.terminationStatus,
            output: Array(try Data(contentsOf: outputFile)),
            errors: String(decoding: try Data(contentsOf: errorFile), as: UTF8.self)
        )
    }
}
