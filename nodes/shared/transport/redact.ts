/** Replaces every occurrence of a secret (and its Basic-auth form) with "[redacted]". */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		out = out.split(secret).join('[redacted]');
	}
	return out.replace(/Basic\s+[A-Za-z0-9+/=]{8,}/g, 'Basic [redacted]');
}
