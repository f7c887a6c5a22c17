// Lays out the documents the comparison lints: out/tree/corpus/... (each corpus Arazzo document and the files its
// row of expectations.md names) and out/tree/invalid/... (the CLI tests' broken documents), and writes
// out/manifest.tsv: one line per Arazzo document, its tree path, then the original paths given to arazzogen.
// Remote sourceDescriptions urls are rewritten in the copies to the local file of the same name the row names (as
// ArazzoGen matches them) or to a file under ./remote-unavailable/, so no linter has a remote url to fetch.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { parse } = require('@stoplight/yaml');

const [repo, out] = process.argv.slice(2);
const corpus = path.join(repo, 'tests/ArazzoGen.Tests/TestData/corpus');
const invalid = path.join(repo, 'tests/ArazzoGen.Cli.Tests/TestData/invalid');
const tree = path.join(out, 'tree');
const manifest = [];

function rows() {
    const lines = fs.readFileSync(path.join(corpus, 'expectations.md'), 'utf8').split('\n');
    return lines.filter(l => l.startsWith('| `')).map(l => {
        const cells = l.split(' | ');
        const files = cells[1] === '(none)' ? [] : [...cells[1].matchAll(/`([^`]+)`/g)].map(m => m[1]);
        return { doc: cells[0].slice(3, -1), files };
    });
}

function remoteUrls(text) {
    let value;
    try {
        value = parse(text);
    } catch {
        return [];
    }
    const sources = value && Array.isArray(value.sourceDescriptions) ? value.sourceDescriptions : [];
    return sources.map(s => s && s.url).filter(u => typeof u === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(u));
}

function localFor(url, docDir, available) {
    const name = path.posix.basename(new URL(url).pathname) || 'index';
    const match = available.find(f => path.basename(f) === name);
    return match ? path.relative(docDir, match) : `./remote-unavailable/${name}`;
}

function copy(fromRoot, relative, toRoot, rewriteFor) {
    const source = path.join(fromRoot, relative);
    const target = path.join(toRoot, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    let text = fs.readFileSync(source, 'utf8');
    if (rewriteFor) {
        for (const url of remoteUrls(text)) {
            const local = localFor(url, path.dirname(target), rewriteFor);
            text = text.split(url).join(local.startsWith('.') ? local : './' + local);
        }
    }
    fs.writeFileSync(target, text);
    return target;
}

fs.rmSync(tree, { recursive: true, force: true });
for (const row of rows()) {
    const to = path.join(tree, 'corpus');
    const files = row.files.map(f => path.join(to, f));
    for (const f of row.files) {
        copy(corpus, f, to, files);
    }
    const doc = copy(corpus, row.doc, to, files);
    manifest.push([doc, path.join(corpus, row.doc), ...row.files.map(f => path.join(corpus, f))].join('\t'));
}
for (const name of fs.readdirSync(invalid).sort()) {
    const doc = copy(invalid, name, path.join(tree, 'invalid'), null);
    if (name.endsWith('.arazzo.yaml')) {
        manifest.push([doc, path.join(invalid, name), path.join(invalid, 'pets.openapi.yaml')].join('\t'));
    }
}
fs.writeFileSync(path.join(out, 'manifest.tsv'), manifest.join('\n') + '\n');
console.log(`${manifest.length} Arazzo documents laid out under ${tree}`);
