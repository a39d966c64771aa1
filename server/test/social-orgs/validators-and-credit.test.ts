import assert from 'node:assert/strict';
import { addMonths } from '../../src/platform/clock';
import { deriveCreditStatus, dueTransitions, type CreditEntryFacts } from '../../src/modules/social-orgs/credit';
import { booleanQuery, gramTokens, normalizeName, pairColumn } from '../../src/platform/search/ngrams';
import { checkUscc, makeUscc, USCC_CHARSET, usccWarnings } from '../../src/modules/social-orgs/uscc';
import { RED_CROSS } from './helpers';

describe('Unified social credit codes (GB 32100)', () => {
  it('accepts the real code of 中国红十字基金会 in any case and spacing', () => {
    assert.equal(checkUscc(RED_CROSS), null);
    assert.equal(checkUscc('53100000 5000 19795a'), null);
    assert.deepEqual(usccWarnings(RED_CROSS), []);
  });

  it('rejects the code with any one character changed', () => {
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_CHARSET) {
        if (c === RED_CROSS[i]) continue;
        const changed = RED_CROSS.slice(0, i) + c + RED_CROSS.slice(i + 1);
        assert.notEqual(checkUscc(changed), null, `${changed} should be invalid`);
      }
    }
  });

  it('names what is wrong: length, forbidden letters, check character', () => {
    assert.equal(checkUscc('5310000050001979'), 'length');
    assert.equal(checkUscc('53100000500019795I'), 'charset');
    assert.equal(checkUscc('53100000500019795B'), 'check');
  });

  it('treats an organization-code mismatch as a warning only', () => {
    // Position 17 changed and position 18 recomputed: a valid USCC with a bad org-code check.
    const first17 = '5310000050001979' + '6';
    const weights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
    const sum = [...first17].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * weights[i], 0);
    const valid = first17 + USCC_CHARSET[(31 - (sum % 31)) % 31];
    assert.equal(checkUscc(valid), null);
    assert.deepEqual(usccWarnings(valid), ['ORG_CODE_CHECK']);
  });

  it('builds valid codes for seeds and tests', () => {
    for (let i = 0; i < 200; i++) {
      const code = makeUscc(String((i % 3) + 1), '440305', String(10000000 + i * 7919).slice(0, 8));
      assert.equal(checkUscc(code), null);
      assert.deepEqual(usccWarnings(code), []);
    }
  });
});

describe('Name index text', () => {
  it('normalizes width, case and spaces', () => {
    assert.equal(normalizeName(' 北京ＡＢＣ 协会（筹） '), '北京abc协会(筹)');
  });
  it('writes bigram and trigram tokens of at least 9 ASCII characters, and queries them', () => {
    const tokens = gramTokens('红十字会').split(' ');
    assert.equal(tokens.length, 5); // 3 bigrams + 2 trigrams
    assert.ok(tokens.every((t) => /^[bt][0-9a-z]{8,12}$/.test(t)));
    assert.equal(booleanQuery('红十').split(' ').length, 1);
    assert.equal(booleanQuery('红十字会').split(' ').length, 2);
    assert.equal(pairColumn('红十字'), '红十|十字|');
  });
});

describe('Credit status derived for a date', () => {
  const abnormal = (
    id: number,
    dateIn: string,
    correctionRequired: boolean,
    dateOut: string | null = null,
  ): CreditEntryFacts => ({ id, list: 'abnormal', dateIn, dateOut, correctionRequired });

  it('adds months as calendars do', () => {
    assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
    assert.equal(addMonths('2024-02-29', 24), '2026-02-28');
    assert.equal(addMonths('2026-01-15', -6), '2025-07-15');
  });

  it('is normal before any entry and abnormal from the day of listing', () => {
    const e = [abnormal(1, '2025-01-10', true)];
    assert.equal(deriveCreditStatus(e, '2025-01-09'), 'normal');
    assert.equal(deriveCreditStatus(e, '2025-01-10'), 'abnormal');
  });

  it('lets an entry needing no correction lapse after 6 months', () => {
    const e = [abnormal(1, '2025-01-10', false)];
    assert.equal(deriveCreditStatus(e, '2025-07-09'), 'abnormal');
    assert.equal(deriveCreditStatus(e, '2025-07-10'), 'normal');
    assert.deepEqual(
      dueTransitions(e, '2025-07-10').map((t) => [t.kind, t.date]),
      [['auto_exit', '2025-07-10']],
    );
  });

  it('restarts the 6 months on a new violation', () => {
    const e = [abnormal(1, '2025-01-10', false), abnormal(2, '2025-05-01', false)];
    assert.equal(deriveCreditStatus(e, '2025-07-10'), 'abnormal');
    assert.deepEqual(
      dueTransitions(e, '2025-11-01').map((t) => [t.entryId, t.date]),
      [
        [1, '2025-11-01'],
        [2, '2025-11-01'],
      ],
    );
    assert.equal(deriveCreditStatus(e, '2025-11-01'), 'normal');
  });

  it('moves an uncorrected entry to the serious list after 2 years', () => {
    const e = [abnormal(1, '2024-03-01', true)];
    assert.equal(deriveCreditStatus(e, '2026-02-28'), 'abnormal');
    assert.equal(deriveCreditStatus(e, '2026-03-01'), 'serious');
    assert.deepEqual(
      dueTransitions(e, '2026-03-01').map((t) => [t.kind, t.date]),
      [['escalate', '2026-03-01']],
    );
  });

  it('is not moved when corrected in time, and shows the past as it was', () => {
    const e = [abnormal(1, '2024-03-01', true, '2025-01-01')];
    assert.equal(deriveCreditStatus(e, '2024-12-31'), 'abnormal');
    assert.equal(deriveCreditStatus(e, '2026-03-01'), 'normal');
    assert.deepEqual(dueTransitions(e, '2026-03-01'), []);
  });

  it('puts the serious list above the abnormal one until it is left', () => {
    const e: CreditEntryFacts[] = [
      abnormal(1, '2025-01-01', true),
      { id: 2, list: 'serious', dateIn: '2025-02-01', dateOut: '2025-06-01', correctionRequired: false },
    ];
    assert.equal(deriveCreditStatus(e, '2025-03-01'), 'serious');
    assert.equal(deriveCreditStatus(e, '2025-06-01'), 'abnormal');
  });
});
