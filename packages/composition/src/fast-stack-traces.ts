/**
 * cdktf records a full stack trace for every token it creates (each `resource.id` reference),
 * only to explain unresolvable tokens later; formatting those traces is about a tenth of a
 * synth. While `work` runs, traces captured into plain objects (cdktf's) are left unformatted;
 * real errors keep V8's usual format.
 */
export function withCheapTokenTraces<T>(work: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return '';
    if (previous) return previous(error, frames);
    return [String(error), ...frames.map((f) => `    at ${f.toString()}`)].join('\n');
  };
  try {
    return work();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
