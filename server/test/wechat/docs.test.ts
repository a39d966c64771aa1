import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { WECHAT_ERRORS } from '../../src/wechat/errors';

/**
 * docs/wechat.md is true to the code: its error table is the catalogue in wechat/errors.ts,
 * row for row and both ways, and every place in the code that cites the page finds it (and the
 * section it names).
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOC = path.join(ROOT, 'docs', 'wechat.md');

interface DocRow {
  errcode: number;
  condition: string;
  class: string;
  reason: string;
  citizenMessage: string;
}

/** The rows of the table under "## Error catalogue". */
function errorTableOf(markdown: string): DocRow[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Error catalogue'));
  assert.ok(section, 'docs/wechat.md has an "Error catalogue" section');
  return section
    .split('\n')
    .filter((line) => /^\|\s*-?\d+\s*\|/.test(line))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return {
        errcode: Number(cells[0]),
        condition: cells[1].replace(/`/g, ''),
        class: cells[2],
        reason: cells[3],
        citizenMessage: cells[4] ?? '',
      };
    });
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('docs/wechat.md matches the code', () => {
  const markdown = fs.readFileSync(DOC, 'utf8');

  it('lists every errcode of the catalogue with its meaning, and no errcode the catalogue lacks', () => {
    const rows = errorTableOf(markdown);
    const documented = rows.map((r) => r.errcode);
    const catalogued = [...WECHAT_ERRORS.keys()];
    assert.deepEqual(
      catalogued.filter((c) => !documented.includes(c)),
      [],
      'errcodes in wechat/errors.ts missing from docs/wechat.md',
    );
    assert.deepEqual(
      documented.filter((c) => !catalogued.includes(c)),
      [],
      'errcodes in docs/wechat.md that wechat/errors.ts does not know',
    );
    assert.equal(new Set(documented).size, documented.length, 'each errcode once');
    for (const row of rows) {
      const entry = WECHAT_ERRORS.get(row.errcode)!;
      assert.deepEqual(
        row,
        {
          errcode: row.errcode,
          condition: entry.condition,
          class: entry.class,
          reason: entry.reason,
          citizenMessage: entry.citizenMessage ?? '',
        },
        `errcode ${row.errcode}`,
      );
    }
  });

  it('a catalogue change the page does not follow is caught', () => {
    const edited = markdown.replace(/^\| 43004 \|.*\n/m, '');
    assert.notEqual(edited, markdown);
    assert.ok(!errorTableOf(edited).some((r) => r.errcode === 43004));
    assert.equal(errorTableOf(edited).length, WECHAT_ERRORS.size - 1);
  });

  it('every citation of docs/wechat.md in the code finds the page and the section it names', () => {
    const headings = [...markdown.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]);
    const citing = filesUnder(path.join(ROOT, 'server', 'src')).filter((f) =>
      fs.readFileSync(f, 'utf8').includes('docs/wechat.md'),
    );
    assert.ok(citing.length >= 3, citing.join(', '));
    for (const file of citing) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/docs\/wechat\.md, "([^"]+)"/g)) {
        assert.ok(
          headings.some((h) => h.startsWith(m[1])),
          `${path.relative(ROOT, file)} cites section "${m[1]}"`,
        );
      }
    }
  });
});
