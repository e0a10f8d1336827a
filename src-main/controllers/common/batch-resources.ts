/** batch/v1 Jobs and CronJobs as the controllers address them (the registry entries once served). */
import type { ResourceRef } from '../../client/cluster-client';

export const JOBS: ResourceRef = { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true };
export const CRON_JOBS: ResourceRef = { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true };
