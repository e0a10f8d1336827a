/** Label matchers: `=`, `!=`, `=~`, `!~`, with anchored RE2-style regexes. */
import { compileAnchored } from './regex';

export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly type: MatchType;
  readonly name: string;
  readonly value: string;
  /** Compiled regex for `=~` and `!~`. */
  readonly re?: RegExp;
}

/** Builds a matcher; throws RegexSyntaxError for a bad regex. */
export function newMatcher(type: MatchType, name: string, value: string): LabelMatcher {
  if (type === '=~' || type === '!~') return { type, name, value, re: compileAnchored(value) };
  return { type, name, value };
}

export function matches(m: LabelMatcher, v: string): boolean {
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return m.re!.test(v);
    case '!~':
      return !m.re!.test(v);
  }
}

export function matcherString(m: LabelMatcher): string {
  return `${m.name}${m.type}${JSON.stringify(m.value)}`;
}
