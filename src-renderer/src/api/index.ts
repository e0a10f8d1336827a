/** The renderer's only door to the backend: the console API, the Kubernetes API, terminals. */
export { consoleApi, type ConsoleApi } from './console-client';
export { kube, WatchError, type KubeApi, type KubeClient, type PatchType, type WatchHandle } from './kube-client';
export type { KubeList, KubeObject } from './kube-types';
export type { WatchEvent } from './watch-decoder';
export { podLogs, podLogPath, type LogStreamHandle, type LogStreamHandlers, type PodLogClient, type PodLogOptions } from './pod-log';
export { openTerminal, type TerminalSession } from './terminal';
