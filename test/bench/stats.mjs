// Summary statistics for latency samples (milliseconds).

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n: 0 };
  const rank = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    n,
    median: round(median),
    p95: round(rank(0.95)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / n),
    min: round(sorted[0]),
    max: round(sorted[n - 1]),
  };
}

export function round(x, digits = 2) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** How many times faster `ours` is than `theirs` (theirs / ours), from medians. */
export function speedup(theirs, ours) {
  if (!theirs || !ours || !(ours > 0)) return null;
  return round(theirs / ours, 1);
}
