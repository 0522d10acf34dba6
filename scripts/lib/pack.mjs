// Builds the package and installs it into an n8n user folder the way n8n's Community Nodes
// screen does: from the `npm pack` tarball, without install scripts and without dev or peer
// dependencies (n8n provides n8n-workflow and zod at run time).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir, run } from './project.mjs';

export const PACKAGE_NAME = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')).name;

/** `npm run build`, then `npm pack` into `destDir`; returns the tarball's path. */
export function buildAndPack(destDir) {
	run('npm', ['run', 'build']);
	mkdirSync(destDir, { recursive: true });
	const output = run('npm', ['pack', '--json', '--pack-destination', destDir]);
	// npm may print warnings before the JSON document.
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	return join(destDir, filename);
}

/** The folder n8n loads community packages from, for a given N8N_USER_FOLDER. */
export function nodesDir(userFolder) {
	return join(userFolder, '.n8n', 'nodes');
}

/** Replaces whatever is installed in the user folder's nodes folder with this tarball. */
export function installPackage(userFolder, tarball) {
	const dir = nodesDir(userFolder);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	run('npm', ['install', tarball, '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
	});
	const installed = join(dir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(join(installed, 'package.json'))) throw new Error(`${PACKAGE_NAME} is missing from ${dir} after npm install`);
	return installed;
}
