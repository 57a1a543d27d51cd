import { Lazy } from 'cdktf';
import { withoutTokenTraces } from './token-traces';

type Traced = { creationStack?: string[] };

describe('withoutTokenTraces', () => {
  it('creates tokens without a creation trace while it runs, and restores tracing afterwards', () => {
    const traced = Lazy.anyValue({ produce: () => 1 }) as unknown as Traced;
    const quiet = withoutTokenTraces(() => Lazy.anyValue({ produce: () => 1 })) as unknown as Traced;
    const after = Lazy.anyValue({ produce: () => 1 }) as unknown as Traced;
    expect(quiet.creationStack).toEqual([]);
    expect(traced.creationStack?.length).toBeGreaterThan(0);
    expect(after.creationStack?.length).toBeGreaterThan(0);
  });

  it('keeps the traces of real errors', () => {
    const error = withoutTokenTraces(() => new Error('boom'));
    expect(error.stack).toMatch(/^Error: boom\n {4}at /);
  });
});
