import Foundation
import Testing

@testable import TidemarkMetrics

@Suite("Nelder–Mead")
struct CLVOptimizerTests {
    @Test func findsTheMinimumOfAShiftedQuadratic() {
        // f = (x − 3)² + 10 (y + 1)² + 2: minimum 2 at (3, −1).
        let r = NelderMead.minimize({ p in pow(p[0] - 3, 2) + 10 * pow(p[1] + 1, 2) + 2 }, from: [0, 0])
        #expect(r.converged)
        #expect(abs(r.point[0] - 3) < 1e-5 && abs(r.point[1] + 1) < 1e-5)
        #expect(abs(r.value - 2) < 1e-10)
    }

    @Test func findsTheRosenbrockValley() {
        // f = (1 − x)² + 100 (y − x²)²: minimum 0 at (1, 1), a long curved valley.
        let r = NelderMead.minimize({ p in pow(1 - p[0], 2) + 100 * pow(p[1] - p[0] * p[0], 2) }, from: [-1.2, 1])
        #expect(r.converged)
        #expect(abs(r.point[0] - 1) < 1e-4 && abs(r.point[1] - 1) < 1e-4)
    }

    @Test func treatsNonFiniteValuesAsInfinityToHonourBounds() {
        // Minimum of (x + 2)² subject to x ≥ 0 (NaN outside): the bound, 0, value 4.
        let r = NelderMead.minimize({ p in p[0] < 0 ? .nan : pow(p[0] + 2, 2) }, from: [1])
        #expect(r.point[0] >= 0 && r.point[0] < 1e-4)
        #expect(abs(r.value - 4) < 1e-3)
    }

    @Test func reportsNoConvergenceWhenTheIterationLimitIsReached() {
        let r = NelderMead.minimize(
            { p in pow(1 - p[0], 2) + 100 * pow(p[1] - p[0] * p[0], 2) }, from: [-1.2, 1],
            options: NelderMeadOptions(maxIterations: 5))
        #expect(!r.converged)
        #expect(r.iterations == 5)
    }
}
