// Puts the imports of Java files in the order the build checks (Checkstyle's ImportOrder and
// UnusedImports, in the root pom), so that a file the check refuses is fixed with one command:
//
//   node tools/order-imports.mjs [--check] [file.java ...]
//
// Without files it takes every Java file git tracks. The order: java.*, javax.*, the other
// libraries (com, io, jakarta, org, tools, ...), org.springframework.*, dev.sws.*, then static
// imports; one blank line between groups, each group sorted. Duplicate, same-package and unused
// imports are removed: an import is unused when its simple name appears nowhere else in the file,
// Javadoc and comments included (so a name only mentioned in prose keeps its import, which
// Checkstyle then reports). Nothing outside the import block changes. --check changes nothing and
// exits 1 if a file would change.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const IMPORT = /^import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;\s*$/;

function groupOf(isStatic, name) {
	if (isStatic) {
		return 5;
	}
	if (name.startsWith('java.')) {
		return 0;
	}
	if (name.startsWith('javax.')) {
		return 1;
	}
	if (name.startsWith('org.springframework.')) {
		return 3;
	}
	if (name.startsWith('dev.sws.')) {
		return 4;
	}
	return 2;
}

function byCodePoint(a, b) {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns the file's text with its imports in order, and what was removed. */
function ordered(path, text) {
	const lines = text.split('\n');
	const packageIndex = lines.findIndex((line) => line.startsWith('package '));
	const packageName = packageIndex >= 0 ? lines[packageIndex].match(/package\s+([\w.]+)\s*;/)[1] : '';
	const start = packageIndex + 1;
	const first = lines.findIndex((line, i) => i >= start && line.startsWith('import '));
	if (first < 0) {
		return { text, notes: [] };
	}
	let last = first;
	for (let i = first; i < lines.length; i++) {
		if (IMPORT.test(lines[i])) {
			last = i;
		}
		else if (lines[i].trim() !== '') {
			break;
		}
	}
	for (let i = start; i < first; i++) {
		if (lines[i].trim() !== '') {
			throw new Error(`${path}: a line before the imports: ${lines[i]}`);
		}
	}
	const imports = [];
	for (const line of lines.slice(first, last + 1)) {
		if (line.trim() === '') {
			continue;
		}
		const match = line.match(IMPORT);
		if (!match) {
			throw new Error(`${path}: not an import: ${line}`);
		}
		imports.push({ isStatic: Boolean(match[1]), name: match[2] });
	}
	const words = new Set([...lines.slice(0, first), ...lines.slice(last + 1)].join('\n').match(/[A-Za-z_$][\w$]*/g));
	const notes = [];
	const seen = new Set();
	const groups = new Map();
	for (const { isStatic, name } of imports) {
		const key = `${isStatic} ${name}`;
		const simple = name.slice(name.lastIndexOf('.') + 1);
		const owner = name.slice(0, name.lastIndexOf('.'));
		if (seen.has(key)) {
			notes.push(`duplicate ${name}`);
			continue;
		}
		seen.add(key);
		if (!isStatic && simple !== '*' && owner === packageName) {
			notes.push(`same package ${name}`);
			continue;
		}
		if (simple !== '*' && !words.has(simple)) {
			notes.push(`unused ${name}`);
			continue;
		}
		const group = groupOf(isStatic, name);
		groups.set(group, [...(groups.get(group) ?? []), name]);
	}
	const block = [];
	for (const group of [...groups.keys()].sort()) {
		if (block.length > 0) {
			block.push('');
		}
		for (const name of groups.get(group).sort(byCodePoint)) {
			block.push(`import ${group === 5 ? 'static ' : ''}${name};`);
		}
	}
	let tail = lines.slice(last + 1);
	while (tail.length > 0 && tail[0].trim() === '') {
		tail = tail.slice(1);
	}
	return { text: [...lines.slice(0, start), '', ...block, '', ...tail].join('\n'), notes };
}

const args = process.argv.slice(2);
const check = args.includes('--check');
let files = args.filter((arg) => arg !== '--check');
if (files.length === 0) {
	files = execFileSync('git', ['ls-files', '*.java'], { encoding: 'utf8' }).split('\n').filter(Boolean);
}
let changed = 0;
for (const path of files) {
	const text = readFileSync(path, 'utf8');
	const result = ordered(path, text);
	if (result.text !== text) {
		changed++;
		console.log(`${path}${result.notes.length > 0 ? ': ' + result.notes.join('; ') : ''}`);
		if (!check) {
			writeFileSync(path, result.text);
		}
	}
}
console.error(`${changed} of ${files.length} files ${check ? 'out of order' : 'changed'}`);
process.exitCode = check && changed > 0 ? 1 : 0;
