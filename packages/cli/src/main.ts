import { isUserError, UsageError } from '@mockforge-infra/composition';
import { costHelp, cost } from './commands/cost';
import { diagramHelp, diagram } from './commands/diagram';
import { listHelp, list } from './commands/list';
import { rulesHelp, rules } from './commands/rules';
import { synthHelp, synth } from './commands/synth';
import { validateHelp, validate } from './commands/validate';
import { processIo, type Io } from './io';

type Command = (args: readonly string[], io: Io) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; help: string }>> = {
  validate: { run: validate, help: validateHelp },
  synth: { run: synth, help: synthHelp },
  list: { run: list, help: listHelp },
  cost: { run: cost, help: costHelp },
  diagram: { run: diagram, help: diagramHelp },
  rules: { run: rules, help: rulesHelp },
};

export function usage(): string {
  return ['usage: mockforge-infra <command> [options]', '', ...Object.values(COMMANDS).map((c) => `  ${c.help}`)].join('\n');
}

/** Runs one command; returns the exit code (0 ok, 1 invalid input or policy failure, 2 usage). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name) {
    io.err(usage());
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`error: unknown command "${name}"; allowed: ${Object.keys(COMMANDS).join(' | ')}`);
    io.err(usage());
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: mockforge-infra ${command.help}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!isUserError(error)) throw error;
    io.err(`error: ${error.message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
