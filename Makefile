# The two commands of the README, and a few for development. Each installs what it needs first.
.PHONY: demo test deps build release bench-reader clean

# Build and run the demo store's pipeline into reports/demo/latest/.
demo: deps
	swift build --product tidemark
	@# Exit 3 is success with critical flags (the demo store has a few real anomalies): the report is written.
	@.build/debug/tidemark run pipelines/demo.yaml; rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ]

# Build everything and run the whole test suite (unit, golden-file and end-to-end tests).
test: deps
	swift build --build-tests
	swift test --skip-build

deps:
	@.ci/install-deps

build: deps
	swift build

release: deps
	swift build -c release

# Reader benchmark (release build, generated ~400 MB corpus; see README "Development").
bench-reader: release
	.build/release/tidemark-bench reader

clean:
	rm -rf .build reports/demo
