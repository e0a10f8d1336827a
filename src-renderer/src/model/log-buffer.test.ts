import { describe, expect, it } from 'vitest';
import { LogBuffer, filterLines, logFileName } from './log-buffer';

describe('LogBuffer', () => {
  it('joins lines split across chunks and holds back the unfinished one', () => {
    const b = new LogBuffer();
    expect(b.push('hel')).toBe(false);
    expect(b.push('lo\nti')).toBe(true);
    expect(b.lines()).toEqual(['hello']);
    b.push('ck\r\ntick\n');
    expect(b.lines()).toEqual(['hello', 'tick', 'tick']);
  });

  it('counts an unfinished last line once the stream ends', () => {
    const b = new LogBuffer();
    b.push('a\nb');
    b.end();
    expect(b.lines()).toEqual(['a', 'b']);
    b.end();
    expect(b.lines()).toEqual(['a', 'b']);
  });

  it('keeps only the last `capacity` lines and counts what it dropped', () => {
    const b = new LogBuffer(3);
    b.push('1\n2\n3\n4\n');
    b.push('5\n');
    expect(b.lines()).toEqual(['3', '4', '5']);
    expect(b.dropped).toBe(2);
    expect(b.size).toBe(3);
    b.clear();
    expect(b.lines()).toEqual([]);
    expect(b.dropped).toBe(0);
  });

  it('keeps empty lines', () => {
    const b = new LogBuffer();
    b.push('\n\nx\n');
    expect(b.lines()).toEqual(['', '', 'x']);
  });
});

describe('filterLines', () => {
  it('keeps lines containing the needle, ignoring case; all for an empty needle', () => {
    const lines = ['hello', 'tick', 'HELLO again'];
    expect(filterLines(lines, 'hello')).toEqual(['hello', 'HELLO again']);
    expect(filterLines(lines, '  ')).toBe(lines);
  });
});

describe('logFileName', () => {
  it('names the pod, container and previous', () => {
    expect(logFileName('web-1', 'nginx', false)).toBe('web-1_nginx.log');
    expect(logFileName('web-1', 'nginx', true)).toBe('web-1_nginx_previous.log');
    expect(logFileName('a/b c', 'x', false)).toBe('a_b_c_x.log');
  });
});
