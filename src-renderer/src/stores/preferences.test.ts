import { describe, expect, it } from 'vitest';
import { loadPreferences, type Preferences } from './preferences';

const defaults: Preferences = { theme: 'light', language: 'en', sidebarCollapsed: false };

describe('loadPreferences', () => {
  it('takes saved valid values', () => {
    expect(loadPreferences('{"theme":"dark","language":"zh-CN","sidebarCollapsed":true}', defaults)).toEqual({
      theme: 'dark',
      language: 'zh-CN',
      sidebarCollapsed: true,
    });
  });

  it('falls back field by field on invalid or missing values', () => {
    expect(loadPreferences('{"theme":"sepia","language":"fr"}', defaults)).toEqual(defaults);
    expect(loadPreferences('{"language":"zh-CN"}', defaults)).toEqual({ ...defaults, language: 'zh-CN' });
  });

  it('ignores what is not JSON', () => {
    expect(loadPreferences('not json', defaults)).toEqual(defaults);
    expect(loadPreferences('42', defaults)).toEqual(defaults);
    expect(loadPreferences(null, defaults)).toEqual(defaults);
  });
});
