import { describe, expect, it } from 'vitest';
import { cronScheduleError } from './cron-schedule';

describe('cron schedule syntax (robfig/cron standard parser)', () => {
  const valid = ['* * * * *', '*/5 * * * *', '0 0 1 1 *', '0 9-17 * * MON-FRI', '15,45 */2 1-15/3 jan,jul sun', '? * * * ?', '@hourly', '@midnight', '@every 1h30m', 'CRON_TZ=Etc/UTC 0 * * * *'];
  it.each(valid)('accepts %s', (s) => {
    expect(cronScheduleError(s)).toBeUndefined();
  });

  const invalid: [string, string][] = [
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['0 0 0 0 0 0', 'expected exactly 5 fields, found 6: [0 0 0 0 0 0]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * foo *', 'failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every soon', 'failed to parse duration @every soon: time: invalid duration "soon"'],
    ['TZ=Nowhere/Land * * * * *', 'provided bad location Nowhere/Land: unknown time zone Nowhere/Land'],
  ];
  it.each(invalid)('rejects %s', (s, message) => {
    expect(cronScheduleError(s)).toBe(message);
  });
});
