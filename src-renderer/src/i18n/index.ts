/** The vue-i18n instance (Composition API) with English and Simplified Chinese. */
import { createI18n } from 'vue-i18n';
import en, { type MessageSchema } from './en';
import zhCN from './zh-CN';
import type { Language } from '../stores/preferences';

const numberFormats = {
  integer: { maximumFractionDigits: 0 },
  decimal: { minimumFractionDigits: 0, maximumFractionDigits: 1 },
} as const;

const datetimeFormats = {
  long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' },
} as const;

export const messages: Record<Language, MessageSchema> = { en, 'zh-CN': zhCN };

export function createAppI18n(locale: Language) {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
    numberFormats: { en: numberFormats, 'zh-CN': numberFormats },
    datetimeFormats: { en: datetimeFormats, 'zh-CN': datetimeFormats },
  });
}

declare module 'vue-i18n' {
  // Typed keys for t() everywhere: a misspelt key fails type-checking.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

/** Each language's name in itself, as language pickers show them. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
