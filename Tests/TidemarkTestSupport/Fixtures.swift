import Foundation

/// Paths into the repository for tests: the fixtures folder and the package root.
public enum TestPaths {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `fixtures/<relative>`.
    public static func fixture(_ relative: String) -> String {
        packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relative).path
    }

    /// A fresh empty temporary directory, inside one folder per test process that is removed when the process
    /// exits (a run of the suite leaves nothing behind in /tmp).
    public static func temporaryDirectory() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `tidemark-tests-<pid>` in the system's temporary folder, created on first use with its removal at exit.
    private static let temporaryRoot: URL = {
        let url = URL(fileURLWithPath: temporaryRootPath)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: temporaryRootPath) }
        return url
    }()
}

/// The folder of ``TestPaths/temporaryDirectory()`` (global, for the exit handler, which captures nothing).
private let temporaryRootPath = FileManager.default.temporaryDirectory.appendingPathComponent("tidemark-tests-\(getpid())").path

/// Runs the real `tidemark` binary built beside the tests.
public enum TidemarkBinary {
    /// The result of one invocation.
    public struct Result: Sendable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The built executable: next to the test bundle, else `.build/debug/tidemark`.
    public static let url: URL = executable("tidemark")

    /// The benchmark tool built beside `tidemark` (its `read-file` command measures the reader's memory alone).
    public static let benchURL: URL = executable("tidemark-bench")

    static func executable(_ name: String) -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        for dir in [".build/debug", ".build/x86_64-unknown-linux-gnu/debug", ".build/aarch64-unknown-linux-gnu/debug"] {
            let candidate = TestPaths.packageRoot.appendingPathComponent(dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        fatalError("\(name) binary not found: run `swift build` before the end-to-end tests")
    }

    /// Runs `tidemark arguments…` in `directory` (default: the package root) with extra environment variables;
    /// `executable` picks another built product.
    public static func run(
        _ arguments: [String], in directory: URL = TestPaths.packageRoot, environment: [String: String] = [:], executable: URL = url
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a full pipe cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
