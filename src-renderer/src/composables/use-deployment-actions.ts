/**
 * The Deployment actions of the Workloads view: scale, restart (with a confirmation) and delete
 * (with a confirmation). Each is one request through the Kubernetes API; what the cluster does
 * next (new ReplicaSet, pods) reaches the tables through their watches, not from here. The
 * outcome is told with a message: the API server's own words (metav1.Status) when it refused.
 */
import { h } from 'vue';
import { useI18n } from 'vue-i18n';
import { useDialog, useMessage } from 'naive-ui';
import { kube } from '../api';
import { deploymentPath, restartPatch, scalePatch, scalePath } from '../model/workload-actions';

export interface DeploymentRef {
  name: string;
  namespace: string;
}

export function useDeploymentActions() {
  const { t, n } = useI18n();
  const message = useMessage();
  const dialog = useDialog();

  function failed(action: string, d: DeploymentRef, e: unknown): void {
    const why = e instanceof Error ? e.message : String(e);
    message.error(t('workloads.failed', { action, name: d.name, message: why }), { duration: 8000 });
  }

  /** Sets spec.replicas through the scale subresource; resolves true when the server accepted it. */
  async function scale(d: DeploymentRef, replicas: number): Promise<boolean> {
    try {
      await kube.patch(scalePath(d.namespace, d.name), scalePatch(replicas));
      message.success(t('workloads.scaled', { name: d.name, count: n(replicas, 'integer') }));
      return true;
    } catch (e) {
      failed(t('workloads.scale'), d, e);
      return false;
    }
  }

  function confirmRestart(d: DeploymentRef): void {
    dialog.warning({
      title: t('workloads.restartTitle', { name: d.name }),
      content: t('workloads.restartBody', { name: d.name }),
      positiveText: t('workloads.restart'),
      negativeText: t('common.cancel'),
      positiveButtonProps: { 'data-testid': 'restart-confirm' } as Record<string, string>,
      onPositiveClick: async () => {
        try {
          await kube.patch(deploymentPath(d.namespace, d.name), restartPatch(Date.now()));
          message.success(t('workloads.restarted', { name: d.name }));
        } catch (e) {
          failed(t('workloads.restart'), d, e);
        }
      },
    });
  }

  function confirmDelete(d: DeploymentRef): void {
    dialog.error({
      title: t('workloads.deleteTitle', { name: d.name }),
      content: () => h('span', null, t('workloads.deleteBody', { name: d.name, namespace: d.namespace })),
      positiveText: t('workloads.delete'),
      negativeText: t('common.cancel'),
      positiveButtonProps: { 'data-testid': 'delete-confirm' } as Record<string, string>,
      onPositiveClick: async () => {
        try {
          await kube.delete(deploymentPath(d.namespace, d.name));
          message.success(t('workloads.deleted', { name: d.name }));
        } catch (e) {
          failed(t('workloads.delete'), d, e);
        }
      },
    });
  }

  return { scale, confirmRestart, confirmDelete };
}
