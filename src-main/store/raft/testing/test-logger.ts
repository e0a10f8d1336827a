/** A RaftLogger that writes into the script output, indented under the step that caused it. */
import type { RaftLogger } from '../logger';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'none'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class TestLogger implements RaftLogger {
  level: LogLevel = 'info';
  indent = '';
  constructor(private readonly sink: (line: string) => void) {}

  private write(level: Exclude<LogLevel, 'none'>, msg: string): void {
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(this.level)) return;
    for (const line of msg.split('\n')) this.sink(`${this.indent}${level.toUpperCase()} ${line}`);
  }

  debug(msg: string): void {
    this.write('debug', msg);
  }
  info(msg: string): void {
    this.write('info', msg);
  }
  warn(msg: string): void {
    this.write('warn', msg);
  }
  error(msg: string): void {
    this.write('error', msg);
  }
}
