/**
 * The Data node's public surface (parameter names, types, defaults, option values, where each
 * shows; node name, versions, credentials) against a fixture written from the node as released.
 * A deliberate change to the surface updates the fixture by hand, in the same commit.
 */
import { MoEngageData } from '../../nodes/MoEngageData/MoEngageData.node';
import surface from './fixtures/publicSurface.json';
import { publicSurface } from './publicSurface';

test('the MoEngage Data node keeps its public surface', () => {
	expect(publicSurface(new MoEngageData().description)).toEqual(surface);
});
