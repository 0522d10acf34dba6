/** Small statistics helpers. */

export function sorted(values: readonly number[]): number[] {
	return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const s = sorted(values);
	const rank = Math.ceil((p / 100) * s.length);
	return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
	return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Least-squares slope of y over x. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
	const mx = mean(xs);
	const my = mean(ys);
	let num = 0;
	let den = 0;
	for (let i = 0; i < xs.length; i++) {
		num += (xs[i] - mx) * (ys[i] - my);
		den += (xs[i] - mx) ** 2;
	}
	return den === 0 ? NaN : num / den;
}
