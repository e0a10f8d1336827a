import { describe, expect, it } from 'vitest';
import { WatchDecodeError, WatchStreamDecoder, parseWatchLine, type WatchEvent } from './watch-decoder';

const pod = (name: string, rv: string) => ({ kind: 'Pod', metadata: { name, uid: `uid-${name}`, resourceVersion: rv } });
const nameOf = (e: WatchEvent) => (e.type === 'ERROR' ? undefined : e.object.metadata?.name);
const ev = (type: string, object: unknown) => JSON.stringify({ type, object });

describe('WatchStreamDecoder', () => {
  it('decodes whole lines in one chunk', () => {
    const d = new WatchStreamDecoder();
    const events = d.push(`${ev('ADDED', pod('a', '1'))}\n${ev('MODIFIED', pod('a', '2'))}\n`);
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    expect(events[1].object.metadata?.resourceVersion).toBe('2');
  });

  it('holds a partial line until its newline arrives, however the chunks fall', () => {
    const text = `${ev('ADDED', pod('a', '1'))}\n${ev('DELETED', pod('b', '3'))}\n`;
    for (const size of [1, 2, 7, 50]) {
      const d = new WatchStreamDecoder();
      const got: string[] = [];
      for (let i = 0; i < text.length; i += size) {
        for (const e of d.push(text.slice(i, i + size))) got.push(`${e.type}:${nameOf(e)}`);
      }
      expect(got, `chunk size ${size}`).toEqual(['ADDED:a', 'DELETED:b']);
    }
  });

  it('joins a UTF-8 character split across byte chunks', () => {
    const bytes = new TextEncoder().encode(`${ev('ADDED', { kind: 'ConfigMap', metadata: { name: '配置' } })}\n`);
    const at = bytes.indexOf(0xe9) + 1; // inside the three bytes of 配
    const d = new WatchStreamDecoder();
    expect(d.push(bytes.slice(0, at))).toEqual([]);
    const [e] = d.push(bytes.slice(at));
    expect(nameOf(e)).toBe('配置');
  });

  it('skips blank lines and CRLF endings', () => {
    const d = new WatchStreamDecoder();
    expect(d.push(`\n\r\n${ev('ADDED', pod('a', '1'))}\r\n\n`)).toHaveLength(1);
  });

  it('passes BOOKMARK events with their resourceVersion', () => {
    const d = new WatchStreamDecoder();
    const [e] = d.push(`${ev('BOOKMARK', { kind: 'Pod', metadata: { resourceVersion: '42' } })}\n`);
    expect(e).toEqual({ type: 'BOOKMARK', object: { kind: 'Pod', metadata: { resourceVersion: '42' } } });
  });

  it('gives ERROR events as a Status, 410 Expired included', () => {
    const d = new WatchStreamDecoder();
    const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version: 5 (90)', reason: 'Expired', code: 410 };
    const [e] = d.push(`${ev('ERROR', status)}\n`);
    expect(e.type).toBe('ERROR');
    expect(e.object).toMatchObject({ code: 410, reason: 'Expired' });
  });

  it('emits a last line that has no newline when the stream ends', () => {
    const d = new WatchStreamDecoder();
    expect(d.push(ev('ADDED', pod('a', '1')))).toEqual([]);
    expect(d.end().map((e) => e.type)).toEqual(['ADDED']);
    expect(d.end()).toEqual([]);
  });

  it('rejects what is not a watch event', () => {
    expect(() => parseWatchLine('{"type":"ADDED"')).toThrow(WatchDecodeError);
    expect(() => parseWatchLine('{"type":"ADDED"}')).toThrow(/without object/);
    expect(() => parseWatchLine('{"type":"UPSERT","object":{}}')).toThrow(/unknown event type/);
  });
});
