/**
 * cdktf records a full stack trace for every token it creates (each `resource.id` reference),
 * only to explain an unresolvable token in an error message. Capturing them costs about a tenth
 * of a synth. While `work` runs, tokens record no creation trace; errors keep their own traces.
 */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

function cdktfStackTraceModule(): StackTraceModule | undefined {
  try {
    // cdktf's callers read this export at call time, so replacing it takes effect everywhere. A
    // plain require keeps the real exports object (an ES import would get a copy).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('cdktf/lib/tokens/private/stack-trace') as Partial<StackTraceModule>;
    return typeof module.captureStackTrace === 'function' ? (module as StackTraceModule) : undefined;
  } catch {
    return undefined; // another cdktf layout: keep its default behaviour
  }
}

export function withoutTokenTraces<T>(work: () => T): T {
  const module = cdktfStackTraceModule();
  if (!module) return work();
  const original = module.captureStackTrace;
  module.captureStackTrace = () => [];
  try {
    return work();
  } finally {
    module.captureStackTrace = original;
  }
}
