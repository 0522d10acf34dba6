// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core; no browser download)
// logged in to n8n as the owner.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { OWNER } from '../scripts/lib/api.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Runs `fn(page)` in a fresh logged-in browser page and closes the browser afterwards. */
export async function withLoggedInPage(ctx, fn) {
	if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
	try {
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(30_000);
		await page.goto(`${ctx.n8n.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		return await fn(page);
	} finally {
		await browser.close();
	}
}

/** Closes what n8n pops over the canvas on its own (the "Production Checklist" of a published workflow). */
export async function closePopups(page) {
	await page.waitForTimeout(500);
	const close = page.locator('[data-test-id=suggested-actions-close]');
	if (await close.isVisible().catch(() => false)) {
		await close.click();
		await close.waitFor({ state: 'hidden' }).catch(() => {});
	}
}
