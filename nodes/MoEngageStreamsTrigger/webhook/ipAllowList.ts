/**
 * IP allow-list: addresses and CIDR ranges, IPv4 and IPv6. Written here because the community
 * lint does not allow node:net (whose BlockList n8n's own Webhook node uses).
 */

interface Range {
	/** 4 bytes for IPv4, 16 for IPv6 */
	bytes: number[];
	prefix: number;
}

export type IpAllowList = Range[];

function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4) return undefined;
	const bytes: number[] = [];
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return undefined;
		const value = Number(part);
		if (value > 255) return undefined;
		bytes.push(value);
	}
	return bytes;
}

function parseIpv6(text: string): number[] | undefined {
	const address = text.replace(/%.*$/, ''); // zone id, e.g. fe80::1%eth0
	const halves = address.split('::');
	if (halves.length > 2) return undefined;
	const groupsOf = (half: string): number[] | undefined => {
		if (half === '') return [];
		const groups: number[] = [];
		const pieces = half.split(':');
		for (let i = 0; i < pieces.length; i++) {
			const piece = pieces[i];
			if (i === pieces.length - 1 && piece.includes('.')) {
				const v4 = parseIpv4(piece);
				if (!v4) return undefined;
				groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
			} else if (/^[0-9a-f]{1,4}$/i.test(piece)) {
				groups.push(parseInt(piece, 16));
			} else {
				return undefined;
			}
		}
		return groups;
	};
	const head = groupsOf(halves[0]);
	const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
	if (!head || !tail) return undefined;
	const missing = 8 - head.length - tail.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
	const bytes: number[] = [];
	for (const group of groups) bytes.push(group >> 8, group & 0xff);
	return bytes;
}

/** IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4. */
export function parseIp(text: string): number[] | undefined {
	const trimmed = text.trim();
	if (trimmed.includes(':')) {
		const bytes = parseIpv6(trimmed);
		if (!bytes) return undefined;
		const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
		return mapped ? bytes.slice(12) : bytes;
	}
	return parseIpv4(trimmed);
}

/** Parses "a, b/24, ..."; returns the entries that are not addresses or ranges in `invalid`. */
export function parseIpAllowList(text: string): { list: IpAllowList; invalid: string[] } {
	const list: IpAllowList = [];
	const invalid: string[] = [];
	for (const entry of text.split(/[\s,]+/)) {
		if (entry === '') continue;
		const [address, prefixText, extra] = entry.split('/');
		const bytes = parseIp(address);
		const maxPrefix = bytes ? bytes.length * 8 : 0;
		const prefix = prefixText === undefined ? maxPrefix : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
		if (!bytes || extra !== undefined || !(prefix >= 0 && prefix <= maxPrefix)) {
			invalid.push(entry);
			continue;
		}
		list.push({ bytes, prefix });
	}
	return { list, invalid };
}

function inRange(ip: number[], range: Range): boolean {
	if (ip.length !== range.bytes.length) return false;
	let bits = range.prefix;
	for (let i = 0; bits > 0; i++, bits -= 8) {
		const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
		if ((ip[i] & mask) !== (range.bytes[i] & mask)) return false;
	}
	return true;
}

export function isIpAllowed(list: IpAllowList, ip: string | undefined): boolean {
	if (!ip) return false;
	const bytes = parseIp(ip);
	return bytes !== undefined && list.some((range) => inRange(bytes, range));
}
