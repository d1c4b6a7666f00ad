// libFuzzer target: the pipeline-file decoder (TidemarkPipeline).
//
// The input is decoded as UTF-8 (invalid bytes become U+FFFD) and parsed as a pipeline file.
//
// Invariant (a failure traps with "INVARIANT: …"): `PipelineLoader.parse` either succeeds or throws
// `PipelineError` (never another error type, never a trap); a PipelineError's description starts with the file.
import Foundation
import TidemarkPipeline

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let yaml = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        _ = try PipelineLoader.parse(
            yaml: yaml, file: "pipelines/fuzz.yaml", baseDirectory: URL(fileURLWithPath: "/tmp/tidemark-fuzz"),
            sha256: "")
    } catch let error as PipelineError {
        if !error.description.hasPrefix("pipelines/fuzz.yaml") {
            fatalError("INVARIANT: PipelineError without the file name: \(error)")
        }
    } catch {
        fatalError("INVARIANT: parse threw \(type(of: error)), not PipelineError: \(error)")
    }
    return 0
}
