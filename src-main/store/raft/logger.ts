/**
 * Where the core says what it decided and why ("1 became leader at term 2"). Injected, so the
 * core never writes to the console itself; the script tests print it to pin behaviour.
 */
export interface RaftLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export const discardLogger: RaftLogger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
