import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createMemoryCache } from '../../src/platform/cache/memory';
import { createRedisCache } from '../../src/platform/cache/redis';
import {
  createAskedLately,
  createMemo,
  createSharedReads,
  createStampedCopies,
  createVersionedAnswers,
  createVersionedMemo,
  LockTimeoutError,
  sleep,
  type Cache,
} from '../../src/platform/cache';

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

for (const [name, make] of [
  ['in-process', () => createMemoryCache()],
  ['Redis', () => createRedisCache(REDIS_URL, `mz:test:cache:${randomBytes(4).toString('hex')}:`)],
] as const) {
  describe(`The ${name} cache`, () => {
    let cache: Cache;
    before(() => {
      cache = make();
    });
    after(async () => cache.close());

    it('stores values with a time to live', async () => {
      await cache.set('k', 'v', 200);
      assert.equal(await cache.get('k'), 'v');
      assert.ok((await cache.ttl('k')) > 0);
      await sleep(260);
      assert.equal(await cache.get('k'), null);
      assert.equal(await cache.ttl('k'), -2);
    });

    it('keeps versioned answers until a change, in every process that shares it', async () => {
      const prefix = `answers-${randomBytes(3).toString('hex')}`;
      // Two processes' views of one shared cache; the second re-reads the version every 50 ms.
      const here = createVersionedAnswers(cache, `${prefix}:v`);
      const there = createVersionedAnswers(cache, `${prefix}:v`, 50);
      const options = { ttlMs: 60_000, missTtlMs: 60_000, localEntries: 10, localTtlMs: 60_000 };
      const mine = here.answers(prefix, options);
      const theirs = there.answers(prefix, options);
      let loads = 0;
      let truth = 'first';
      const load = async () => {
        loads++;
        await sleep(20);
        return { truth };
      };
      const burst = await Promise.all(Array.from({ length: 20 }, () => mine.json('page-1', load)));
      assert.equal(loads, 1, 'a burst for one key costs one load');
      assert.ok(burst.every((b) => b.toString() === '{"truth":"first"}'));
      assert.equal((await theirs.json('page-1', load)).toString(), '{"truth":"first"}');
      assert.equal(loads, 1, 'the other process reads the shared answer');

      truth = 'second';
      await here.bump();
      assert.equal((await mine.json('page-1', load)).toString(), '{"truth":"second"}', 'at once where it changed');
      await sleep(80);
      assert.equal((await theirs.json('page-1', load)).toString(), '{"truth":"second"}', 'within the poll elsewhere');
      assert.equal(loads, 2);
      assert.equal(await here.version(), await there.version());

      const nothing = async () => {
        loads++;
        return null;
      };
      assert.equal((await mine.json('missing', nothing)).length, 0, 'nothing there is kept as empty');
      assert.equal((await theirs.json('missing', nothing)).length, 0);
      assert.equal(loads, 3);
    });

    it('with no poll, no process answers from before a change that has returned', async () => {
      const versionKey = `memo-${randomBytes(3).toString('hex')}:v`;
      // Two processes' views of one shared cache (for Redis, each on its connection), each
      // reading the version for every request.
      const prefix = `mz:test:cache:${randomBytes(4).toString('hex')}:`;
      const mine = name === 'Redis' ? createRedisCache(REDIS_URL, prefix) : cache;
      const theirs = name === 'Redis' ? createRedisCache(REDIS_URL, prefix) : cache;
      const options = { ttlMs: 60_000, maxEntries: 10, pollMs: 0 };
      const here = createVersionedMemo<string>(mine, versionKey, options);
      const there = createVersionedMemo<string>(theirs, versionKey, options);
      let truth = 'first';
      let loads = 0;
      const load = async () => {
        loads++;
        return truth;
      };
      assert.equal(await there.get('k', load), 'first');
      assert.equal(await there.get('k', load), 'first');
      assert.equal(loads, 1, 'kept');
      for (let round = 0; round < 20; round++) {
        // A burst in the other process has its version read in flight when the change is made
        // here; a read that begins after the change returned must not share that read.
        const burst = Promise.all(Array.from({ length: 10 }, () => there.get('k', load)));
        truth = `change ${round}`;
        await here.bump();
        assert.equal(await there.get('k', load), truth, `round ${round}`);
        await burst;
      }
      const kept = loads;
      const answers = await Promise.all(Array.from({ length: 50 }, () => there.get('k', load)));
      assert.ok(answers.every((a) => a === truth));
      assert.equal(loads, kept, 'a burst with no change in between is answered from what was kept');
      if (mine !== cache) await Promise.all([mine.close(), theirs.close()]);
    });

    it('reads several change numbers in one round trip shared by a burst, each caller seeing what changed before it asked', async () => {
      const keys = ['a', 'b'].map((k) => `reads-${randomBytes(3).toString('hex')}:${k}`);
      let trips = 0;
      const counted: Cache = Object.assign(Object.create(cache), {
        getMany(k: string[]) {
          trips++;
          return cache.getMany(k);
        },
      });
      const reads = createSharedReads(counted, keys);
      assert.deepEqual(await reads.current(), [null, null]);
      trips = 0;
      const burst = await Promise.all(Array.from({ length: 30 }, () => reads.current()));
      assert.ok(burst.every((v) => v[0] === null && v[1] === null));
      assert.ok(trips <= 2, `${trips} round trips for 30 callers`);
      for (let round = 1; round <= 10; round++) {
        // A read out when the change is made is not what a caller arriving after it gets.
        const out = Promise.all(Array.from({ length: 5 }, () => reads.current()));
        await cache.incr(keys[round % 2], 60_000);
        const [a, b] = await reads.current();
        assert.equal(Number(a ?? 0) + Number(b ?? 0), round, `round ${round}`);
        await out;
      }
    });

    it('writes a key only once with setIfAbsent', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => cache.setIfAbsent('once', String(i), 5000)),
      );
      assert.equal(results.filter(Boolean).length, 1);
    });

    it('counts atomically within a window', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => cache.incr('ctr', 5000)));
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
    });

    it('lets one holder at a time run under a lock', async () => {
      let inside = 0;
      let maxInside = 0;
      await Promise.all(
        Array.from({ length: 10 }, () =>
          cache.withLock('critical', async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(5);
            inside--;
          }),
        ),
      );
      assert.equal(maxInside, 1);
    });

    it('gives up waiting for a held lock after waitMs', async () => {
      const held = cache.withLock('slow', () => sleep(300), { ttlMs: 5000 });
      await assert.rejects(
        cache.withLock('slow', async () => 1, { waitMs: 50 }),
        LockTimeoutError,
      );
      await held;
    });

    it('reads several keys in one round trip, in order', async () => {
      await cache.set('many:a', '1', 5000);
      await cache.set('many:c', '3', 5000);
      assert.deepEqual(await cache.getMany(['many:a', 'many:b', 'many:c']), ['1', null, '3']);
    });

    describe('stamped copies of a record', () => {
      // The "database": a record that changes, and how often it was read.
      let record = { name: 'v1' };
      let reads = 0;
      const load = async () => {
        reads++;
        return { ...record };
      };
      const copies = () => createStampedCopies<{ name: string }>(cache, `rec:${Math.random()}`, 60_000);

      it('serves the copy until the record changes, then the record as it is now', async () => {
        const rec = copies();
        record = { name: 'v1' };
        reads = 0;
        assert.deepEqual(await rec.get(7, load), { name: 'v1' });
        assert.deepEqual(await rec.get(7, load), { name: 'v1' });
        assert.equal(reads, 1);
        record = { name: 'v2' };
        await rec.changed(7);
        assert.deepEqual(await rec.get(7, load), { name: 'v2' });
        assert.equal(reads, 2);
      });

      it('never keeps what a read racing a write brought back', async () => {
        const rec = copies();
        record = { name: 'old' };
        reads = 0;
        await rec.get(1, load);
        await rec.changed(1); // the copy retires …
        // … and a reader that read the database before the write committed finishes after it.
        const racing = rec.get(1, async () => {
          const before = await load();
          record = { name: 'new' };
          await rec.changed(1);
          return before;
        });
        assert.deepEqual(await racing, { name: 'old' });
        assert.deepEqual(await rec.get(1, load), { name: 'new' });
      });

      it('copies nothing for a record that does not exist', async () => {
        const rec = copies();
        let asked = 0;
        const none = async () => {
          asked++;
          return null;
        };
        assert.equal(await rec.get(99, none), null);
        assert.equal(await rec.get(99, none), null);
        assert.equal(asked, 2);
      });

      it('trusts no copy once its stamp is gone', async () => {
        const prefix = `rec:${Math.random()}`;
        const rec = createStampedCopies<{ name: string }>(cache, prefix, 60_000);
        record = { name: 'kept' };
        await rec.get(3, load);
        await cache.del(`${prefix}:stamp:3`); // evicted, or expired before the copy
        record = { name: 'changed meanwhile' };
        assert.deepEqual(await rec.get(3, load), { name: 'changed meanwhile' });
      });
    });
  });
}

describe('In-process memos', () => {
  it('loads a key once at a time, keeps it for its lifetime, then loads it again', async () => {
    const memo = createMemo<number>(100);
    let loads = 0;
    const load = async () => {
      await sleep(10);
      return ++loads;
    };
    assert.deepEqual(await Promise.all([memo.get('a', load), memo.get('a', load), memo.get('a', load)]), [1, 1, 1]);
    assert.equal(memo.peek('a'), 1);
    assert.equal(await memo.get('a', load), 1);
    await sleep(120);
    assert.equal(memo.peek('a'), undefined, 'expired');
    assert.equal(await memo.get('a', load), 2);
  });

  it('keeps no failed load, and forgets by prefix', async () => {
    const memo = createMemo<string>(60_000);
    await assert.rejects(
      memo.get('hall:1', async () => {
        throw new Error('database down');
      }),
    );
    assert.equal(await memo.get('hall:1', async () => 'ok'), 'ok', 'the failure was not kept');
    memo.set('hall:2', 'two');
    memo.set('service:1', 'one');
    memo.forget('hall:');
    assert.equal(memo.peek('hall:1'), undefined);
    assert.equal(memo.peek('hall:2'), undefined);
    assert.equal(memo.peek('service:1'), 'one');
    memo.forget();
    assert.equal(memo.size, 0);
  });

  it('holds at most its number of entries, dropping the oldest', async () => {
    const memo = createMemo<number>(60_000, 3);
    for (const n of [1, 2, 3, 4]) memo.set(String(n), n);
    assert.equal(memo.size, 3);
    assert.equal(memo.peek('1'), undefined);
    assert.equal(memo.peek('4'), 4);
  });
});

describe('Keys asked lately (answers kept from their second ask)', () => {
  it('says a key was asked only from its second ask, and remembers a hot key among thousands asked once', () => {
    const askedLately = createAskedLately(1 << 16);
    assert.equal(askedLately('q=东|1'), false, 'first ask');
    assert.equal(askedLately('q=东|1'), true, 'second ask');
    let seenBefore = 0;
    for (let i = 0; i < 20_000; i++) {
      if (askedLately(`lat=39.${i}&lng=116.${i * 7}`)) seenBefore++;
      if (i % 1000 === 0) assert.equal(askedLately('q=东|1'), true, `the hot key, after ${i} others`);
    }
    // Only a key sharing a slot and a 32-bit hash with one asked before could look asked: none here.
    assert.equal(seenBefore, 0);
    assert.throws(() => createAskedLately(1000), /power of two/);
  });
});
