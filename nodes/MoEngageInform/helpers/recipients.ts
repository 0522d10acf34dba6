import type { Checked } from '../../shared/validation/problem';
import { invalid, shown, valid } from '../../shared/validation/problem';
import type { Channel } from '../transport/endpoints';

const MOBILE_SEPARATORS = /[\s\-().]/g;
const MOBILE = /^\+?\d{6,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What each channel's recipient is, for descriptions and messages. */
export const RECIPIENT_KIND: Record<Channel, string> = {
	SMS: 'mobile number',
	RCS: 'mobile number',
	WHATSAPP: 'mobile number',
	EMAIL: 'email address',
	PUSH: 'push token',
};

/**
 * A channel's recipient, checked to be plausible: a mobile number of 6 to 15 digits with its
 * country code (spaces, dashes, dots and brackets are removed), an email address with an @, or a
 * push token without spaces.
 */
export function checkRecipient(channel: Channel, raw: unknown): Checked<string> {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return invalid('is empty', `Give the ${RECIPIENT_KIND[channel]} to send the ${channel} message to.`);
	}
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		return invalid(`is ${shown(raw)}, not a ${RECIPIENT_KIND[channel]}`, `Give the ${RECIPIENT_KIND[channel]} as text.`);
	}
	const value = String(raw).trim();
	switch (channel) {
		case 'SMS':
		case 'RCS':
		case 'WHATSAPP': {
			const mobile = value.replace(MOBILE_SEPARATORS, '');
			if (MOBILE.test(mobile)) return valid(mobile);
			return invalid(
				`is ${shown(value)}, which is not a mobile number`,
				'Give the number with its country code, digits only, e.g. 919876543210.',
			);
		}
		case 'EMAIL':
			if (EMAIL.test(value)) return valid(value);
			return invalid(`is ${shown(value)}, which is not an email address`, 'Give an address such as ada@example.com.');
		default:
			if (!/\s/.test(value)) return valid(value);
			return invalid(`is ${shown(value)}, which contains spaces`, 'Give the device push token exactly as the app reported it.');
	}
}
