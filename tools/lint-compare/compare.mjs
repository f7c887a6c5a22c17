// Reads the three tools' JSON reports under out/ and writes, per Arazzo document, the errors each tool reports:
// out/comparison.tsv (id and line only), out/comparison.md (a table) and out/details.md (with the messages).
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const tree = path.join(out, 'tree') + path.sep;

function readJson(file) {
    try {
        return JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
        return undefined;
    }
}

function firstLine(file, pattern) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    return text.split('\n').find(l => pattern.test(l));
}

function spectral(id) {
    const report = readJson(path.join(out, 'spectral', id + '.json'));
    if (!Array.isArray(report)) {
        const why = firstLine(path.join(out, 'spectral', id + '.log'), /^Error #1/)
            ?? firstLine(path.join(out, 'spectral', id + '.log'), /\S/) ?? 'no report';
        return [{ id: 'crash', line: 0, message: why.trim() }];
    }
    return report.filter(p => p.severity === 0)
        .map(p => ({ id: p.code, line: p.range.start.line + 1, message: p.message }));
}

function redocly(id) {
    const report = readJson(path.join(out, 'redocly', id + '.json'));
    if (!report || !Array.isArray(report.problems)) {
        const log = path.join(out, 'redocly', id + '.log');
        const why = firstLine(log, /^\s+- /) ?? firstLine(log, /Failed|Error|error/) ?? 'no report';
        const at = /\((\d+):\d+\)/.exec(why);
        return [{ id: 'parse', line: at ? Number(at[1]) : 0, message: why.trim() }];
    }
    return report.problems.filter(p => p.severity === 'error')
        .map(p => ({ id: p.ruleId, line: p.location?.[0]?.start?.line ?? 0, message: p.message }));
}

function arazzogen(id, document) {
    const report = readJson(path.join(out, 'arazzogen', id + '.json'));
    if (!report) {
        return [{ id: 'tool-failure', line: 0, message: 'no report' }];
    }
    // Errors in the documents given with it (a broken OpenAPI file, a failing sub-document) count as well.
    return report.diagnostics.filter(d => d.severity === 'error').map(d => ({
        id: d.id,
        line: d.line,
        message: d.message,
        where: d.path && !d.path.endsWith(document) ? path.basename(d.path) + ':' : '',
    }));
}

// id@line, a finding repeated at one line (a schema error reported once per branch) as id@line×n.
function short(findings) {
    const counts = new Map();
    for (const f of findings) {
        const key = `${f.id}@${f.where ?? ''}${f.line}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, n]) => n === 1 ? key : `${key}×${n}`).join(', ');
}
const rows = fs.readFileSync(path.join(out, 'manifest.tsv'), 'utf8').trim().split('\n').map(line => {
    const [copy] = line.split('\t');
    const document = copy.slice(tree.length);
    const id = document.split('/').join('__');
    const relative = document.replace(/^corpus\//, '').replace(/^invalid\//, 'invalid/');
    return {
        document: relative,
        spectral: spectral(id),
        redocly: redocly(id),
        arazzogen: arazzogen(id, document.replace(/^corpus\//, '').replace(/^invalid\//, '')),
    };
});

const tsv = ['document\tspectral\tredocly\tarazzogen',
    ...rows.map(r => [r.document, short(r.spectral), short(r.redocly), short(r.arazzogen)].join('\t'))];
fs.writeFileSync(path.join(out, 'comparison.tsv'), tsv.join('\n') + '\n');

const cell = findings => findings.length === 0 ? '—' : short(findings);
const md = ['| document | Spectral (spectral:arazzo) | Redocly lint | arazzogen check |', '|---|---|---|---|',
    ...rows.map(r => `| \`${r.document}\` | ${cell(r.spectral)} | ${cell(r.redocly)} | ${cell(r.arazzogen)} |`)];
fs.writeFileSync(path.join(out, 'comparison.md'), md.join('\n') + '\n');

const details = rows.flatMap(r => [`## ${r.document}`, ...['spectral', 'redocly', 'arazzogen'].flatMap(tool =>
    r[tool].map(f => `- ${tool} ${f.id}@${f.where ?? ''}${f.line}: ${f.message.replace(/\s+/g, ' ')}`)), '']);
fs.writeFileSync(path.join(out, 'details.md'), details.join('\n'));

const count = tool => rows.filter(r => r[tool].length > 0).length;
console.log(`${rows.length} documents; with errors: Spectral ${count('spectral')}, Redocly ${count('redocly')}, `
    + `arazzogen ${count('arazzogen')}. See ${path.join(out, 'comparison.md')}.`);
