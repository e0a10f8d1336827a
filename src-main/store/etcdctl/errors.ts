/**
 * etcdctl's exit codes and the error a command throws to end with one. main.ts prints
 * `Error: <message>` on stderr and exits with the code, as etcdctl does.
 */

/** Exit codes as etcdctl 3.4 uses them (its cobrautl package). */
export const ExitCode = {
  Success: 0,
  Error: 1,
  BadConnection: 2,
  InvalidInput: 3,
  BadFeature: 4,
  Interrupted: 5,
  IO: 6,
  BadArgs: 128,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class EtcdctlError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Error,
    /** Print the command's help on stdout too (a bad flag, as cobra does). */
    readonly showUsage = false,
    /** The message is a whole log line already: print it without the `Error: ` prefix. */
    readonly preformatted = false,
  ) {
    super(message);
    this.name = 'EtcdctlError';
  }
}

/** A command that ends early with a code but has already printed what it had to say. */
export class SilentExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'SilentExit';
  }
}
