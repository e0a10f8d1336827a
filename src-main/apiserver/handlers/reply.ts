/** Writes an operation's result with the warnings it collected as `Warning` headers. */
import type { ServerResponse } from 'node:http';
import { addWarning, writeJson } from '../http-util';
import type { RequestScope } from '../rest/scope';

export function reply(scope: RequestScope, res: ServerResponse, code: number, body: unknown): void {
  for (const w of scope.warnings) addWarning(res, w);
  writeJson(res, code, body);
}
