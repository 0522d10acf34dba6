/** Replaces every occurrence of a secret (and its Basic-auth form) with "[redacted]". */
export function redact(text: string, secrets: string[]): string {
	let out = text;
	// Longest first: a Basic token can end with the base64 of the key alone (when the workspace ID
	// and colon fill whole base64 groups), which would otherwise be replaced on its own first.
	for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
		if (secret.length < 4) continue;
		out = out.split(secret).join('[redacted]');
	}
	return out.replace(/Basic\s+(?:[A-Za-z0-9+/=]{8,}|\[redacted\])+/g, 'Basic [redacted]');
}
