/**
 * English messages, and through `MessageSchema` the shape every other language must have.
 * Kubernetes words (Running, CrashLoopBackOff, Ready, control-plane…) are data, shown as the
 * API gives them, and are not translated.
 */
const en = {
  app: {
    name: 'Kubedeck',
  },
  nav: {
    overview: 'Overview',
    nodes: 'Nodes',
    pods: 'Pods',
    terminal: 'Terminal',
    main: 'Main navigation',
  },
  header: {
    switchToDark: 'Switch to dark theme',
    switchToLight: 'Switch to light theme',
    language: 'Language',
    noCluster: 'No cluster',
  },
  connection: {
    connecting: 'Connecting',
    connected: 'Connected',
    reconnecting: 'Reconnecting',
    disconnected: 'Disconnected',
  },
  clusterKind: {
    embedded: 'Embedded',
    kubeconfig: 'Kubeconfig',
  },
  common: {
    loading: 'Loading…',
    retrying: 'Trying again…',
    none: '—',
    notSynced: 'Waiting for the first list from the API server…',
    createdAt: 'Created {time}',
  },
  overview: {
    title: 'Overview',
    cluster: 'Cluster',
    kind: 'Kind',
    version: 'Kubernetes version',
    server: 'API server',
    nodesReady: 'Nodes ready',
    pods: 'Pods',
    podsByPhase: 'Pods by phase',
    clusterError: 'Cannot load the cluster summary',
    phase: {
      Running: 'Running',
      Pending: 'Pending',
      Succeeded: 'Succeeded',
      Failed: 'Failed',
      Unknown: 'Unknown',
    },
  },
  nodes: {
    title: 'Nodes',
    count: '{count} nodes',
    listError: 'Cannot list nodes',
    empty: 'No nodes',
    columns: {
      name: 'Name',
      status: 'Status',
      roles: 'Roles',
      age: 'Age',
      version: 'Version',
      internalIP: 'Internal IP',
      cpu: 'CPU',
      memory: 'Memory',
      taints: 'Taints',
    },
    memoryGiB: '{value} GiB',
  },
  pods: {
    title: 'Pods',
    showing: '{shown} of {total} pods',
    listError: 'Cannot list pods',
    empty: 'No pods',
    noMatch: 'No pods match the filter',
    allNamespaces: 'All namespaces',
    search: 'Search by name, node or IP',
    restartsAgo: '{count} ({age} ago)',
    columns: {
      namespace: 'Namespace',
      name: 'Name',
      ready: 'Ready',
      status: 'Status',
      restarts: 'Restarts',
      node: 'Node',
      ip: 'IP',
      age: 'Age',
    },
  },
  terminal: {
    title: 'Terminal',
    newTab: 'New terminal',
    tabTitle: 'Shell {n}',
    exited: 'Process exited with code {code}',
    connectionClosed: 'Connection closed',
    empty: 'No terminal open',
    open: 'Open a terminal',
  },
};

export type MessageSchema = typeof en;
export default en;
