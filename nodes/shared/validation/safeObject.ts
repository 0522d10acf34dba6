/**
 * Sets a key as an own, enumerable property. Plain assignment of `__proto__` would change the
 * object's prototype instead of adding the key, silently dropping the value.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	// Only `__proto__` is an accessor on Object.prototype; any other key assigns as an own property.
	if (key !== '__proto__') {
		target[key] = value;
		return;
	}
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
