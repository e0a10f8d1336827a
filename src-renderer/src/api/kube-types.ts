/** The few shapes every Kubernetes object and list share (from kubernetes-types). */
import type { ListMeta, ObjectMeta } from 'kubernetes-types/meta/v1';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface KubeList<T extends KubeObject> {
  apiVersion?: string;
  kind?: string;
  metadata?: ListMeta;
  items: T[];
}
