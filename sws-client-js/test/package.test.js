// The npm package as it is published: what `npm pack` puts into it, and where its name leads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const inPackage = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

test('the package holds the three builds, its README, its license and its manifest, and nothing else', () => {
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'],
		{ cwd: packageDir, encoding: 'utf8', timeout: 60000, shell: process.platform === 'win32' });
	assert.equal(result.status, 0, result.stderr);
	const files = JSON.parse(result.stdout)[0].files.map((file) => file.path).sort();
	assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/sws-client.d.ts', 'dist/sws-client.js', 'dist/sws-client.mjs',
		'package.json']);
});

test('the manifest is publishable and its name resolves to the builds', () => {
	const manifest = JSON.parse(readFileSync(inPackage('package.json'), 'utf8'));
	assert.equal(manifest.private, undefined, 'not private');
	assert.equal(manifest.license, 'Apache-2.0');
	assert.equal(manifest.type, 'module');
	assert.equal(manifest.dependencies, undefined, 'tweetnacl is bundled: installing the package installs nothing else');
	assert.equal(fileURLToPath(import.meta.resolve('sws-client')), inPackage('dist/sws-client.mjs'));
	assert.equal(fileURLToPath(import.meta.resolve('sws-client/dist/sws-client.js')), inPackage('dist/sws-client.js'));
	assert.equal(manifest.main, './dist/sws-client.mjs');
	assert.equal(manifest.types, './dist/sws-client.d.ts');
	assert.equal(manifest.exports['.'].types, manifest.types);
});
