/**
 * etcd's enums by wire number with upstream names (the proto files we load spell some of them
 * differently, so numbers travel and these tables name them).
 */
export const SORT_ORDER = ['NONE', 'ASCEND', 'DESCEND'] as const;
export const SORT_TARGET = ['KEY', 'VERSION', 'CREATE', 'MOD', 'VALUE'] as const;
export const COMPARE_RESULT = ['EQUAL', 'GREATER', 'LESS', 'NOT_EQUAL'] as const;
export const COMPARE_TARGET = ['VERSION', 'CREATE', 'MOD', 'VALUE', 'LEASE'] as const;
export const EVENT_TYPE = { PUT: 0, DELETE: 1 } as const;
export const FILTER_TYPE = ['NOPUT', 'NODELETE'] as const;
export const ALARM_TYPE = ['NONE', 'NOSPACE', 'CORRUPT'] as const;
export const ALARM_ACTION = ['GET', 'ACTIVATE', 'DEACTIVATE'] as const;

export function named<T extends readonly string[]>(table: T, n: number | undefined): T[number] {
  return table[n ?? 0] ?? table[0];
}
