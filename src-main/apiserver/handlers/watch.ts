/** HTTP WATCH: a chunked stream of {"type","object"} lines, objects rendered in the negotiated shape. */
import type { ServerResponse } from 'node:http';
import { renderObject } from '../rest/output';
import type { RequestScope } from '../rest/scope';
import { watchObjects } from '../rest/watch';

export async function handleWatch(scope: RequestScope, res: ServerResponse): Promise<void> {
  let open = true;
  let headersWritten = false;
  const writeHeaders = (): void => {
    if (headersWritten) return;
    headersWritten = true;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  };
  const includeObject = scope.query.get('includeObject') ?? undefined;
  const pending: string[] = [];
  const handle = await watchObjects(scope, {
    event: (type, object) => {
      if (!open) return;
      const rendered = type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED'
        ? renderObject(scope.rt, object, scope.shape, scope.ctx.clock.now(), includeObject)
        : object;
      const line = JSON.stringify({ type, object: rendered }) + '\n';
      if (headersWritten) res.write(line);
      else pending.push(line);
    },
    closed: () => {
      open = false;
      writeHeaders();
      for (const line of pending.splice(0)) res.write(line);
      res.end();
    },
  });
  if (!open) return;
  writeHeaders();
  for (const line of pending.splice(0)) res.write(line);
  res.on('close', () => {
    open = false;
    handle.stop();
  });
}
