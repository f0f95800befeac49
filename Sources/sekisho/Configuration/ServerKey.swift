import Foundation
import SekishoCore

/// The server key that seals TOTP secrets (DESIGN: AES-GCM under the server key). Given by
/// configuration (`secrets.key`, base64 of 32 bytes) where several instances share one database, or
/// else kept in a file, created with mode 0600 at first start.
enum ServerKey {
    /// Where the key comes from; the file is read (or created) only when the server starts.
    enum Source {
        case given(SecretBox)
        case file(String)

        func open() throws -> SecretBox {
            switch self {
            case .given(let box): box
            case .file(let path): try ServerKey.readOrCreate(path)
            }
        }
    }

    static func source(_ settings: SettingsReader, dataDirectory: String) throws -> Source {
        if let text = settings.string("secrets.key", secret: true) {
            guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  let box = SecretBox(keyBytes: Array(bytes))
            else { throw ConfigurationError.invalid("secrets.key", "must be the base64 of exactly 32 bytes (openssl rand -base64 32)") }
            return .given(box)
        }
        return .file(settings.string("secrets.key-file", default: "\(dataDirectory)/server.key"))
    }

    static func readOrCreate(_ path: String) throws -> SecretBox {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            try create(path)
        }
        let mode = (try? manager.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else {
            throw ConfigurationError.invalid(
                "secrets.key-file", "\(path) may be read by other users (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard let data = manager.contents(atPath: path),
              let bytes = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let box = SecretBox(keyBytes: Array(bytes))
        else { throw ConfigurationError.invalid("secrets.key-file", "\(path) does not hold the base64 of 32 bytes") }
        return box
    }

    /// Writes a fresh key readable by the owner only, complete before it appears under `path`: it is
    /// written to a temporary file and linked into place, and `link` refuses an existing name, so two
    /// instances starting together on one data directory end up with the same key.
    private static func create(_ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = "\(path).\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw failure("create", path) }
        defer { unlink(temporary) }
        let text = Array((Data(SecretBox.generateKeyBytes()).base64EncodedString() + "\n").utf8)
        let written = text.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == text.count, synced else { throw failure("write", path) }
        guard link(temporary, path) == 0 || errno == EEXIST else { throw failure("create", path) }
    }

    private static func failure(_ verb: String, _ path: String) -> ConfigurationError {
        ConfigurationError.invalid("secrets.key-file", "cannot \(verb) \(path): \(String(cString: strerror(errno)))")
    }
}
