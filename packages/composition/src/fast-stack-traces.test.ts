import { withCheapTokenTraces } from './fast-stack-traces';

describe('withCheapTokenTraces', () => {
  it('leaves traces captured into plain objects empty but keeps real errors readable', () => {
    const { plain, error } = withCheapTokenTraces(() => {
      const holder = { stack: '' };
      Error.captureStackTrace(holder);
      return { plain: holder.stack, error: new Error('boom').stack ?? '' };
    });
    expect(plain).toBe('');
    expect(error).toMatch(/^Error: boom\n {4}at .*fast-stack-traces\.test\.ts/);
  });

  it('restores the previous formatter afterwards', () => {
    const before = Error.prepareStackTrace;
    withCheapTokenTraces(() => undefined);
    expect(Error.prepareStackTrace).toBe(before);
    const holder = { stack: '' };
    Error.captureStackTrace(holder);
    expect(holder.stack).not.toBe('');
  });
});
