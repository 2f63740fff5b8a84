// The TypeScript declarations: tsc --noEmit (strict) over types-check.ts, which imports them by the
// package's name, as a user's code does, and uses and misuses the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('dist/sws-client.d.ts accepts the documented uses and refuses the misuses', () => {
	const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
	const project = fileURLToPath(new URL('./tsconfig.json', import.meta.url));
	const result = spawnSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', timeout: 120000 });
	assert.equal(result.error, undefined);
	assert.equal(result.status, 0, `tsc found errors:\n${result.stdout}${result.stderr}`);
});
