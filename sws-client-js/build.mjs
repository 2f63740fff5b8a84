// Builds the package into dist/ with esbuild, tweetnacl and @noble/ciphers and @noble/hashes bundled in each
// build:
//   dist/sws-client.mjs   an ES module: import { SwsWebSocket } from 'sws-client'
//   dist/sws-client.js    a classic script that defines the global SwsWebSocket, for <script src>
//   dist/sws-client.d.ts  the TypeScript declarations (hand-written in src/, checked by the tests)
//
//   node build.mjs        (npm run build; the Maven build runs it in target/npm)
//
// Neither build is minified: a page's security code stays readable in the browser's dev tools.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const version = (path) => JSON.parse(readFileSync(join(here, path), 'utf8')).version;
const bundled = (name, licence) => `${name} ${version(`node_modules/${name}/package.json`)} (${licence})`;
const banner = `/*! sws-client ${version('package.json')} | Apache-2.0 | bundles `
	+ `${bundled('tweetnacl', 'public domain, https://tweetnacl.js.org')}, `
	+ `${bundled('@noble/ciphers', 'MIT, https://paulmillr.com/noble')} and `
	+ `${bundled('@noble/hashes', 'MIT, https://paulmillr.com/noble')} */`;

const common = {
	bundle: true,
	// the browser field of tweetnacl's package.json leaves Node's crypto module out of the bundle
	platform: 'browser',
	target: 'es2020',
	charset: 'utf8',
	banner: { js: banner },
	logLevel: 'warning'
};

mkdirSync(dist, { recursive: true });
await build({ ...common, entryPoints: [join(here, 'src', 'sws-client.js')], format: 'esm',
	outfile: join(dist, 'sws-client.mjs') });
await build({ ...common, entryPoints: [join(here, 'src', 'global.js')], format: 'iife',
	outfile: join(dist, 'sws-client.js') });
copyFileSync(join(here, 'src', 'sws-client.d.ts'), join(dist, 'sws-client.d.ts'));
console.log(`[sws-client] built ${dist}: sws-client.mjs, sws-client.js, sws-client.d.ts`);
