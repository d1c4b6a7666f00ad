/// Settings of the ``NelderMead`` minimiser.
public struct NelderMeadOptions: Hashable, Sendable {
    /// The most simplex iterations of one run (a restart starts a new run).
    public var maxIterations: Int
    /// A run has converged when the spread of the objective over the simplex is at most
    /// `valueTolerance × (1 + |best value|)` …
    public var valueTolerance: Double
    /// … and no vertex is farther than `pointTolerance × (1 + |coordinate|)` from the best one in any coordinate.
    public var pointTolerance: Double
    /// The edge length of the starting simplex (added to one coordinate per vertex).
    public var initialStep: Double
    /// How many times a converged run is restarted from its best point with a fresh simplex. Restarting stops
    /// early once a restart improves the value by no more than the value tolerance.
    public var restarts: Int

    /// Defaults suited to fitting 3–4 log-parameters: 5,000 iterations, tolerances 1e-12 and 1e-9, step 0.5,
    /// 3 restarts.
    public init(
        maxIterations: Int = 5_000, valueTolerance: Double = 1e-12, pointTolerance: Double = 1e-9,
        initialStep: Double = 0.5, restarts: Int = 3
    ) {
        self.maxIterations = maxIterations
        self.valueTolerance = valueTolerance
        self.pointTolerance = pointTolerance
        self.initialStep = initialStep
        self.restarts = restarts
    }
}

/// The outcome of a ``NelderMead`` minimisation.
public struct NelderMeadResult: Hashable, Sendable {
    /// The best point found.
    public var point: [Double]
    /// The objective at ``point``.
    public var value: Double
    /// Simplex iterations over all runs (first run and restarts).
    public var iterations: Int
    /// Whether the last run met both tolerances before the iteration limit and a restart from its best point
    /// found nothing better.
    public var converged: Bool
}

/// The Nelder–Mead downhill simplex minimiser (Lagarias et al. 1998 coefficients: reflection 1, expansion 2,
/// contraction ½, shrink ½), derivative free, with restarts from the best point to escape a collapsed simplex.
///
/// A non-finite objective value is treated as +∞, so a caller can express bounds by returning `.infinity`
/// outside them.
public enum NelderMead {
    /// Minimises `objective` starting from `start`.
    public static func minimize(
        _ objective: ([Double]) -> Double, from start: [Double], options: NelderMeadOptions = NelderMeadOptions()
    ) -> NelderMeadResult {
        let f: ([Double]) -> Double = { x in
            let v = objective(x)
            return v.isFinite ? v : .infinity
        }
        var best = run(f, from: start, options: options)
        var total = best.iterations
        var round = 0
        while best.converged, round < options.restarts {
            round += 1
            let again = run(f, from: best.point, options: options)
            total += again.iterations
            let improved = best.value - again.value > options.valueTolerance * (1 + abs(best.value))
            if again.value <= best.value {
                best.point = again.point
                best.value = again.value
                best.converged = again.converged
            }
            if !improved { break }
            // Still improving when the restarts ran out: not trusted as converged.
            if round == options.restarts { best.converged = false }
        }
        best.iterations = total
        return best
    }

    /// One simplex run.
    static func run(_ f: ([Double]) -> Double, from start: [Double], options: NelderMeadOptions) -> NelderMeadResult {
        let n = start.count
        precondition(n > 0, "nothing to minimise")
        var simplex: [[Double]] = [start]
        for i in 0..<n {
            var v = start
            v[i] += options.initialStep
            simplex.append(v)
        }
        var values = simplex.map(f)
        var iterations = 0
        var converged = false

        while iterations < options.maxIterations {
            // Order the vertices best first (stable on ties: index order).
            let order = (0...n).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }

            if values[0].isFinite, hasConverged(simplex, values, options) {
                converged = true
                break
            }
            iterations += 1

            var centroid = [Double](repeating: 0, count: n)
            for v in simplex.dropLast() { for i in 0..<n { centroid[i] += v[i] / Double(n) } }
            let worst = simplex[n]
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (worst[$0] - centroid[$0]) } }

            let reflected = along(-1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2)
                let fe = f(expanded)
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
                continue
            }
            if fr < values[n - 1] {
                simplex[n] = reflected
                values[n] = fr
                continue
            }
            // Contraction: outside when the reflection beat the worst vertex, inside otherwise.
            let outside = fr < values[n]
            let contracted = along(outside ? -0.5 : 0.5)
            let fc = f(contracted)
            if fc < (outside ? fr : values[n]) {
                simplex[n] = contracted
                values[n] = fc
                continue
            }
            // Shrink towards the best vertex.
            for j in 1...n {
                simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                values[j] = f(simplex[j])
            }
        }
        let bestIndex = values.indices.min { values[$0] < values[$1] }!
        return NelderMeadResult(point: simplex[bestIndex], value: values[bestIndex], iterations: iterations, converged: converged)
    }

    static func hasConverged(_ simplex: [[Double]], _ values: [Double], _ options: NelderMeadOptions) -> Bool {
        let fBest = values[0]
        guard let fWorst = values.last, fWorst.isFinite else { return false }
        if fWorst - fBest > options.valueTolerance * (1 + abs(fBest)) { return false }
        for v in simplex.dropFirst() {
            for i in v.indices where abs(v[i] - simplex[0][i]) > options.pointTolerance * (1 + abs(simplex[0][i])) {
                return false
            }
        }
        return true
    }
}
