import Foundation
import Logging

/// Log lines for people (on a terminal) or for machines (JSON lines), on standard error.
struct TidemarkLogHandler: LogHandler {
    enum Style { case human, json }
    let label: String
    let style: Style
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        for (k, v) in event.metadata ?? [:] { all[k] = v }
        let line: String
        switch style {
        case .human:
            let facts = all.sorted { $0.key < $1.key }.filter { $0.key != "pipeline" }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            let level = event.level >= .warning ? "\(event.level): " : ""
            line = "\(level)\(event.message)\(facts.isEmpty ? "" : "  " + facts)\n"
        case .json:
            var object: [String: String] = ["level": event.level.rawValue, "message": "\(event.message)", "time": ISO8601DateFormatter().string(from: Date())]
            for (k, v) in all { object[k] = "\(v)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self) + "\n"
        }
        FileHandle.standardError.write(Data(line.utf8))
    }
}
