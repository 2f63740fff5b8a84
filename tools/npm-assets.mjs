// Installs a module's build-time npm dependencies into target/ and copies the files a page needs
// next to the classes, so that nothing is fetched from the internet at run time.
//
//   node tools/npm-assets.mjs --package <dir with package.json and package-lock.json>
//                             --work <dir to install into, under target/>
//                             --stage <file or folder of the package> ...
//                             --copy <path under node_modules>=<destination dir> ...
//
// `npm ci` runs only when package.json or package-lock.json changed since the last install (a
// stamp file in node_modules records their digest), so re-running a build costs nothing.
// --stage copies a package's own files (sources, tests, build script) into the work dir, replacing
// the earlier copy, so that an npm package builds and tests there next to its node_modules and
// nothing is installed into the source tree. Any failure exits non-zero and fails the Maven build.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const STAMP = '.sws-npm-assets-stamp';

function parseArguments(argv) {
	const options = { copies: [], stages: [] };
	for (let i = 0; i < argv.length; i += 2) {
		const [name, value] = [argv[i], argv[i + 1]];
		if (value === undefined) {
			fail(`missing value for ${name}`);
		}
		if (name === '--package') {
			options.packageDir = resolve(value);
		}
		else if (name === '--work') {
			options.workDir = resolve(value);
		}
		else if (name === '--stage') {
			options.stages.push(value);
		}
		else if (name === '--copy') {
			const separator = value.indexOf('=');
			if (separator <= 0) {
				fail(`--copy takes <path under node_modules>=<destination dir>, not ${value}`);
			}
			options.copies.push({ from: value.slice(0, separator), to: resolve(value.slice(separator + 1)) });
		}
		else {
			fail(`unknown option ${name}`);
		}
	}
	if (!options.packageDir || !options.workDir) {
		fail('--package and --work are required');
	}
	return options;
}

function fail(message) {
	console.error(`[npm-assets] ${message}`);
	process.exit(1);
}

function install(packageDir, workDir) {
	mkdirSync(workDir, { recursive: true });
	const digest = createHash('sha256');
	for (const file of ['package.json', 'package-lock.json']) {
		const source = join(packageDir, file);
		if (!existsSync(source)) {
			fail(`${source} is missing`);
		}
		const content = readFileSync(source);
		digest.update(content);
		writeFileSync(join(workDir, file), content);
	}
	const expected = digest.digest('hex');
	const stamp = join(workDir, 'node_modules', STAMP);
	if (existsSync(stamp) && readFileSync(stamp, 'utf8') === expected) {
		console.log(`[npm-assets] npm dependencies up to date in ${workDir}`);
		return;
	}
	console.log(`[npm-assets] npm ci in ${workDir}`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
		{ cwd: workDir, stdio: 'inherit', shell: process.platform === 'win32' });
	if (result.error) {
		fail(`could not run npm (${result.error.message}); building needs Node.js and npm`);
	}
	if (result.status !== 0) {
		fail(`npm ci failed with exit code ${result.status}`);
	}
	writeFileSync(stamp, expected);
}

function stage(packageDir, workDir, path) {
	const source = join(packageDir, path);
	if (!existsSync(source)) {
		fail(`${source} is missing`);
	}
	const target = join(workDir, path);
	rmSync(target, { recursive: true, force: true });
	cpSync(source, target, { recursive: true });
}

const options = parseArguments(process.argv.slice(2));
install(options.packageDir, options.workDir);
for (const path of options.stages) {
	stage(options.packageDir, options.workDir, path);
}
for (const { from, to } of options.copies) {
	const source = join(options.workDir, 'node_modules', from);
	if (!existsSync(source)) {
		fail(`${source} is missing after npm ci`);
	}
	mkdirSync(to, { recursive: true });
	copyFileSync(source, join(to, basename(from)));
}
