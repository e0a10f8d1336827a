/** Hash-history routes, so deep links (#/pods) work whatever path the console server serves. */
import { createRouter, createWebHashHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router';
import type { MessageSchema } from '../i18n/en';
import OverviewView from '../views/OverviewView.vue';
import NodesView from '../views/NodesView.vue';
import PodsView from '../views/PodsView.vue';
import WorkloadsView from '../views/WorkloadsView.vue';
import EventsView from '../views/EventsView.vue';

export type NavKey = keyof MessageSchema['nav'];

declare module 'vue-router' {
  interface RouteMeta {
    /** The nav.* message that names this page (sidebar and window title). */
    nav?: NavKey;
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/overview' },
  { path: '/overview', name: 'overview', component: OverviewView, meta: { nav: 'overview' } },
  { path: '/nodes', name: 'nodes', component: NodesView, meta: { nav: 'nodes' } },
  { path: '/workloads', name: 'workloads', component: WorkloadsView, meta: { nav: 'workloads' } },
  { path: '/pods', name: 'pods', component: PodsView, meta: { nav: 'pods' } },
  // The same view with one pod's detail drawer open: a deep link to a pod.
  {
    path: '/pods/:namespace/:name',
    name: 'pod',
    component: PodsView,
    props: (r) => ({ podNamespace: String(r.params.namespace), podName: String(r.params.name) }),
    meta: { nav: 'pods' },
  },
  { path: '/events', name: 'events', component: EventsView, meta: { nav: 'events' } },
  // xterm.js is large: loaded the first time the terminal is opened.
  { path: '/terminal', name: 'terminal', component: () => import('../views/TerminalView.vue'), meta: { nav: 'terminal' } },
  { path: '/:pathMatch(.*)*', redirect: '/overview' },
];

export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({ history, routes });
}
