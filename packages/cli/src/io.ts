/** Where a command writes: results to `out`, progress and errors to `err`. */
export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const processIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** Announces a step that may take more than a second, then reports how long it took. */
export function step<T>(io: Io, label: string, work: () => T): T {
  const started = Date.now();
  io.err(`> ${label}...`);
  const result = work();
  io.err(`> ${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}
