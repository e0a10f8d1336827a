/** The generated schema is self-contained: every message a field names can be decoded. */
import { describe, expect, it } from 'vitest';
import { isScalar } from './scalar-value';
import { specialDecoder } from './special-types';
import { WIRE_SCHEMA } from './wire-schema-data';

function decodable(type: string): boolean {
  return isScalar(type) || WIRE_SCHEMA.messages[type] !== undefined || WIRE_SCHEMA.lists[type] !== undefined || specialDecoder(type) !== undefined;
}

describe('wire schema', () => {
  it('resolves every field type', () => {
    const missing = new Set<string>();
    for (const [message, fields] of Object.entries(WIRE_SCHEMA.messages)) {
      for (const [, , type] of fields) {
        if (type === 'TypeMeta') continue;
        const parts = /^map<([^,]+),(.+)>$/.exec(type)?.slice(1) ?? [type];
        for (const t of parts) if (!decodable(t)) missing.add(`${message}: ${t}`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('serves the kinds kubectl sends as protobuf', () => {
    expect(WIRE_SCHEMA.kinds['v1']?.ConfigMap).toBe('core.v1.ConfigMap');
    expect(WIRE_SCHEMA.kinds['authorization.k8s.io/v1']?.SelfSubjectRulesReview).toBe('authorization.v1.SelfSubjectRulesReview');
    expect(WIRE_SCHEMA.kinds['authentication.k8s.io/v1']?.TokenRequest).toBe('authentication.v1.TokenRequest');
    expect(WIRE_SCHEMA.kinds['autoscaling/v2']?.HorizontalPodAutoscaler).toBe('autoscaling.v2.HorizontalPodAutoscaler');
    expect(WIRE_SCHEMA.kinds['meta.k8s.io/v1']?.DeleteOptions).toBe('meta.v1.DeleteOptions');
  });
});
