/**
 * Sets a key as an own, enumerable property. Plain assignment of `__proto__` would change the
 * object's prototype instead of adding the key, silently dropping the value.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
