/// The data-mask evaluation of ISO/IEC 18004:2015 clause 7.8.3 (Table 11): the lower the score,
/// the easier the symbol is to read. Every rule is one linear pass, so scoring a symbol is
/// O(size²).
enum MaskPenalty {
    /// N1: base points for a run of five same-coloured modules in a row or column (plus one per
    /// module beyond five).
    static let n1 = 3
    /// N2: points per 2×2 block of one colour (overlapping blocks all count).
    static let n2 = 3
    /// N3: points per finder-like 1:1:3:1:1 pattern with four light modules on either side.
    static let n3 = 40
    /// N4: points per 5 % step the dark proportion strays from 50 %.
    static let n4 = 10

    /// The total penalty of a finished symbol (`modules` row-major, `size`×`size`).
    static func score(_ modules: [Bool], size: Int) -> Int {
        precondition(modules.count == size * size, "module count does not match size")
        var total = 0
        for index in 0..<size {
            // Row `index`, then column `index`.
            total += lineScore(modules, start: index * size, stride: 1, length: size)
            total += lineScore(modules, start: index, stride: size, length: size)
        }
        return total + blockScore(modules, size: size) + balanceScore(modules)
    }

    /// Rules 1 and 3 along one row or column: modules `start`, `start + stride`, ….
    static func lineScore(_ modules: [Bool], start: Int, stride: Int, length: Int) -> Int {
        func dark(_ position: Int) -> Bool { modules[start + position * stride] }
        // Outside the symbol is the light quiet zone.
        func lightRun(_ from: Int, _ to: Int) -> Bool {
            for position in max(from, 0)..<min(to, length) where dark(position) { return false }
            return true
        }
        var score = 0
        // Rule 1: runs of five or more.
        var runLength = 0
        var runColour = false
        for position in 0..<length {
            let colour = dark(position)
            if position > 0 && colour == runColour {
                runLength += 1
            } else {
                if runLength >= 5 { score += n1 + runLength - 5 }
                runColour = colour
                runLength = 1
            }
        }
        if runLength >= 5 { score += n1 + runLength - 5 }
        // Rule 3: dark-light-dark-dark-dark-light-dark, with four light modules before or after
        // it. Counted once per occurrence even when both sides are light.
        if length >= 7 {
            for position in 0...(length - 7) where isFinderCore(dark, at: position) {
                if lightRun(position - 4, position) || lightRun(position + 7, position + 11) {
                    score += n3
                }
            }
        }
        return score
    }

    /// Whether 1011101 starts at `position`.
    private static func isFinderCore(_ dark: (Int) -> Bool, at position: Int) -> Bool {
        dark(position) && !dark(position + 1) && dark(position + 2) && dark(position + 3)
            && dark(position + 4) && !dark(position + 5) && dark(position + 6)
    }

    /// Rule 2: every 2×2 block of one colour.
    static func blockScore(_ modules: [Bool], size: Int) -> Int {
        var score = 0
        for row in 0..<(size - 1) {
            for column in 0..<(size - 1) {
                let colour = modules[row * size + column]
                if modules[row * size + column + 1] == colour
                    && modules[(row + 1) * size + column] == colour
                    && modules[(row + 1) * size + column + 1] == colour {
                    score += n2
                }
            }
        }
        return score
    }

    /// Rule 4: 10 points for each full 5 % step by which the dark share deviates from 50 %
    /// (45 %–55 % scores 0, 40 %–45 % or 55 %–60 % scores 10, …).
    static func balanceScore(_ modules: [Bool]) -> Int {
        let total = modules.count
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        // |dark/total − 1/2| in units of 5 %, i.e. |20·dark − 10·total| / total, rounded
        // towards zero except that an exact boundary belongs to the lower step.
        let deviation = abs(dark * 20 - total * 10)
        let steps = deviation == 0 ? 0 : (deviation - 1) / total
        return steps * n4
    }
}
