import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Expands input paths and globs into a sorted, de-duplicated list of files.
public enum InputExpansion {
    /// Files matching each pattern (`*`, `?`, `[…]` in any component); a plain path is kept as is even if missing
    /// (the run then lists it as failed). A directory stands for the files directly inside it.
    public static func expand(_ patterns: [String]) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for pattern in patterns {
            var matches: [String] = []
            if pattern.contains(where: { "*?[".contains($0) }) {
                var g = glob_t()
                defer { globfree(&g) }
                if glob(pattern, 0, nil, &g) == 0 {
                    for i in 0..<Int(g.gl_pathc) {
                        if let p = g.gl_pathv[i] { matches.append(String(cString: p)) }
                    }
                }
            } else {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: pattern, isDirectory: &isDir), isDir.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: pattern)) ?? []
                    matches = names.filter { !$0.hasPrefix(".") }.map { (pattern as NSString).appendingPathComponent($0) }
                } else {
                    matches = [pattern]
                }
            }
            for m in matches.sorted() where seen.insert(m).inserted { out.append(m) }
        }
        return out
    }
}
