import { MoEngageStreamsTrigger } from '../../nodes/MoEngageStreamsTrigger/MoEngageStreamsTrigger.node';
import expected from './fixtures/publicSurface.json';
import { publicSurface } from './publicSurface';

/**
 * Saved workflows store parameter names and option values, and MoEngage posts to the webhook path:
 * a change here breaks users. The fixture is plain JSON, reviewed like code: an intended change
 * (a new parameter, a new version) edits it in the same commit; the test never rewrites it.
 */
describe('MoEngage Streams Trigger: public surface', () => {
	it('keeps every saved name, type, default and option value, the versions, credentials and webhook', () => {
		const actual: unknown = JSON.parse(JSON.stringify(publicSurface(new MoEngageStreamsTrigger().description)));
		expect(actual).toEqual(expected);
	});
});
