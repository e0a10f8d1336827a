/** Schemas of policy/v1 PodDisruptionBudget. */
import { int32, int64, intOrString, listKind, object, objectMetaField, ref, refList, string, time, typeMeta, type Schema } from './schema-builders';

const gvk = (kind: string) => ({ group: 'policy', version: 'v1', kind });

export const POLICY_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.policy.v1.PodDisruptionBudget': object(
    'Limits how many pods of a set voluntary disruptions (drains, evictions) may take down at once.',
    {
      ...typeMeta(),
      metadata: objectMetaField(),
      spec: { ...ref('policy.PodDisruptionBudgetSpec', 'The desired budget.'), default: {} },
      status: { ...ref('policy.PodDisruptionBudgetStatus', 'The most recently observed state. Read-only.'), default: {} },
    },
    { gvk: gvk('PodDisruptionBudget') },
  ),
  'io.k8s.api.policy.v1.PodDisruptionBudgetList': listKind('policy.PodDisruptionBudget', gvk('PodDisruptionBudgetList'), 'A list of pod disruption budgets.'),
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': object('The desired budget.', {
    maxUnavailable: intOrString('How many pods, or what percentage, may be unavailable after an eviction.'),
    minAvailable: intOrString('How many pods, or what percentage, must stay available after an eviction.'),
    selector: { ...ref('meta.LabelSelector', 'The pods the budget covers.'), 'x-kubernetes-patch-strategy': 'replace' },
    unhealthyPodEvictionPolicy: string('IfHealthyBudget or AlwaysAllow: when pods that are not ready may be evicted.', ['AlwaysAllow', 'IfHealthyBudget']),
  }),
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': object(
    'The observed state of a budget.',
    {
      conditions: refList('meta.Condition', 'DisruptionAllowed, ...', { listType: 'map', mapKeys: ['type'], mergeKey: 'type', strategy: 'merge' }),
      currentHealthy: int32('Healthy pods now.'),
      desiredHealthy: int32('The least number of healthy pods wanted.'),
      disruptedPods: { type: 'object', additionalProperties: time(), description: 'Pods being evicted, with when the eviction was admitted.' },
      disruptionsAllowed: int32('How many pods may be disrupted now.'),
      expectedPods: int32('Pods the budget counts.'),
      observedGeneration: int64('The generation the controller last acted on.'),
    },
    { required: ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] },
  ),
};
