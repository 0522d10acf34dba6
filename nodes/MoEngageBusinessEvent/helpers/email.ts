/** Small checks on what a user typed, run before any request. */

/** Deliberately simple: something@something.tld, no spaces. MoEngage checks the rest. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
	return EMAIL_PATTERN.test(value);
}
