/** The user's choices (theme, language, sidebar), kept in localStorage across launches. */
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';

export type Theme = 'light' | 'dark';
export type Language = 'en' | 'zh-CN';
export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

export const PREFERENCES_KEY = 'kubedeck.preferences';

export interface Preferences {
  theme: Theme;
  language: Language;
  sidebarCollapsed: boolean;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled
  }
}

/** What to use when nothing was saved: follow the system's colour scheme and language. */
export function systemDefaults(): Preferences {
  const dark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  const lang = typeof navigator === 'object' ? navigator.language : '';
  return {
    theme: dark ? 'dark' : 'light',
    language: lang.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en',
    sidebarCollapsed: false,
  };
}

/** Reads saved preferences, keeping only valid fields. */
export function loadPreferences(raw: string | null, defaults: Preferences): Preferences {
  if (!raw) return defaults;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return defaults;
  }
  if (typeof v !== 'object' || v === null) return defaults;
  const p = v as Record<string, unknown>;
  return {
    theme: p.theme === 'light' || p.theme === 'dark' ? p.theme : defaults.theme,
    language: LANGUAGES.includes(p.language as Language) ? (p.language as Language) : defaults.language,
    sidebarCollapsed: typeof p.sidebarCollapsed === 'boolean' ? p.sidebarCollapsed : defaults.sidebarCollapsed,
  };
}

export const usePreferencesStore = defineStore('preferences', () => {
  const initial = loadPreferences(storage()?.getItem(PREFERENCES_KEY) ?? null, systemDefaults());
  const theme = ref<Theme>(initial.theme);
  const language = ref<Language>(initial.language);
  const sidebarCollapsed = ref(initial.sidebarCollapsed);

  watch([theme, language, sidebarCollapsed], () => {
    const value: Preferences = { theme: theme.value, language: language.value, sidebarCollapsed: sidebarCollapsed.value };
    try {
      storage()?.setItem(PREFERENCES_KEY, JSON.stringify(value));
    } catch {
      // Full or disabled storage: the choice holds for this session only.
    }
  });

  function toggleTheme(): void {
    theme.value = theme.value === 'dark' ? 'light' : 'dark';
  }

  return { theme, language, sidebarCollapsed, toggleTheme };
});
