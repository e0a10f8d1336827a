/** Schemas of core/v1 Container and what it contains (ports, env, mounts, probes, resources, security). */
import { boolean, int32, int64, intOrString, object, quantity, quantityMap, ref, refList, string, stringList, type Schema } from './schema-builders';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** The fields Container and EphemeralContainer share. */
function containerFields(): Record<string, Schema> {
  return {
    args: stringList('Arguments to the entrypoint; the image CMD is used when not given. $(VAR) references are expanded.'),
    command: stringList('The entrypoint array, run without a shell; the image ENTRYPOINT is used when not given.'),
    env: refList('core.EnvVar', 'Environment variables to set in the container.', { listType: 'map', mapKeys: ['name'], mergeKey: 'name', strategy: 'merge' }),
    envFrom: refList('core.EnvFromSource', 'Sources (config maps, secrets) whose keys all become environment variables.', { listType: 'atomic' }),
    image: string('The container image, e.g. nginx:1.27.'),
    imagePullPolicy: string('When to pull the image: Always, Never or IfNotPresent. Defaults to Always for :latest or no tag, else IfNotPresent.', [
      'Always',
      'IfNotPresent',
      'Never',
    ]),
    lifecycle: ref('core.Lifecycle', 'Actions the kubelet takes after the container starts and before it stops.'),
    livenessProbe: ref('core.Probe', 'Restarts the container when it fails.'),
    name: string('The container name, a DNS label unique within the pod. Cannot be updated.'),
    ports: refList('core.ContainerPort', 'Ports the container exposes; informational, plus names other objects can refer to.', {
      listType: 'map',
      mapKeys: ['containerPort', 'protocol'],
      mergeKey: 'containerPort',
      strategy: 'merge',
    }),
    readinessProbe: ref('core.Probe', 'Takes the container out of service endpoints while it fails.'),
    resizePolicy: refList('core.ContainerResizePolicy', 'How the container reacts when its resources are changed in place.', { listType: 'atomic' }),
    resources: { ...ref('core.ResourceRequirements', 'Compute resources the container requests and may use at most.'), default: {} },
    restartPolicy: string('For init containers only: Always makes it a sidecar that runs for the life of the pod.'),
    securityContext: ref('core.SecurityContext', 'Security options of the container, overriding the pod-level ones.'),
    startupProbe: ref('core.Probe', 'Holds off the other probes until the container has started.'),
    stdin: boolean('Whether to allocate a buffer for stdin.'),
    stdinOnce: boolean('Whether stdin closes after the first attach session.'),
    terminationMessagePath: string('Where the container may write a termination message. Defaults to /dev/termination-log.'),
    terminationMessagePolicy: string('File, or FallbackToLogsOnError to use the end of the log when the file is empty.', ['FallbackToLogsOnError', 'File']),
    tty: boolean('Whether to allocate a TTY (needs stdin).'),
    volumeDevices: refList('core.VolumeDevice', 'Block devices to expose to the container.', { listType: 'map', mapKeys: ['devicePath'], mergeKey: 'devicePath', strategy: 'merge' }),
    volumeMounts: refList('core.VolumeMount', 'Pod volumes to mount into the container filesystem.', {
      listType: 'map',
      mapKeys: ['mountPath'],
      mergeKey: 'mountPath',
      strategy: 'merge',
    }),
    workingDir: string("The working directory; the image's is used when not given."),
  };
}

export const CONTAINER_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.core.v1.Container': object('A single application container to run in a pod.', containerFields(), { required: ['name'] }),
  'io.k8s.api.core.v1.EphemeralContainer': object(
    'A temporary container added to a running pod for debugging.',
    { ...containerFields(), targetContainerName: string('The container whose namespaces the ephemeral container joins.') },
    { required: ['name'] },
  ),
  'io.k8s.api.core.v1.ContainerPort': object(
    'A network port in a single container.',
    {
      containerPort: int32('The port number on the pod IP (1-65535).'),
      hostIP: string('The host IP to bind an external port to.'),
      hostPort: int32('The port on the host to expose; rarely needed.'),
      name: string('An IANA_SVC_NAME unique within the pod, that services can refer to.'),
      protocol: string('UDP, TCP or SCTP. Defaults to TCP.', PROTOCOLS),
    },
    { required: ['containerPort'] },
  ),
  'io.k8s.api.core.v1.EnvVar': object(
    'An environment variable of a container.',
    {
      name: string('The variable name.'),
      value: string('The value; $(VAR) references to earlier variables are expanded.'),
      valueFrom: ref('core.EnvVarSource', 'Where to take the value from, instead of value.'),
    },
    { required: ['name'] },
  ),
  'io.k8s.api.core.v1.EnvVarSource': object('The source of an environment variable value.', {
    configMapKeyRef: ref('core.ConfigMapKeySelector', 'A key of a config map.'),
    fieldRef: ref('core.ObjectFieldSelector', 'A field of the pod, e.g. metadata.name or status.podIP.'),
    resourceFieldRef: ref('core.ResourceFieldSelector', 'A resource limit or request of a container.'),
    secretKeyRef: ref('core.SecretKeySelector', 'A key of a secret.'),
  }),
  'io.k8s.api.core.v1.ConfigMapKeySelector': object(
    'A key of a config map.',
    { key: string('The key.'), name: string('The config map name.'), optional: boolean('Whether the config map or key may be missing.') },
    { required: ['key'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.SecretKeySelector': object(
    'A key of a secret.',
    { key: string('The key.'), name: string('The secret name.'), optional: boolean('Whether the secret or key may be missing.') },
    { required: ['key'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.ObjectFieldSelector': object(
    'A field of an object.',
    { apiVersion: string('The version the field path is written against. Defaults to v1.'), fieldPath: string('The path of the field.') },
    { required: ['fieldPath'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.ResourceFieldSelector': object(
    'A container resource (limits.cpu, requests.memory, ...).',
    {
      containerName: string('The container; required for volumes.'),
      divisor: quantity('The unit to express the value in. Defaults to 1.'),
      resource: string('The resource to select.'),
    },
    { required: ['resource'], mapType: 'atomic' },
  ),
  'io.k8s.api.core.v1.EnvFromSource': object('A set of environment variables taken from a config map or secret.', {
    configMapRef: ref('core.ConfigMapEnvSource', 'The config map to read.'),
    prefix: string('A prefix to add to every key.'),
    secretRef: ref('core.SecretEnvSource', 'The secret to read.'),
  }),
  'io.k8s.api.core.v1.ConfigMapEnvSource': object('A config map whose keys become variables.', { name: string('The config map name.'), optional: boolean('Whether it may be missing.') }),
  'io.k8s.api.core.v1.SecretEnvSource': object('A secret whose keys become variables.', { name: string('The secret name.'), optional: boolean('Whether it may be missing.') }),
  'io.k8s.api.core.v1.VolumeMount': object(
    'A volume mounted into a container.',
    {
      mountPath: string('Where in the container to mount; may not contain ":".'),
      mountPropagation: string('How mounts propagate between host and container: None, HostToContainer or Bidirectional.', ['Bidirectional', 'HostToContainer', 'None']),
      name: string('The name of a pod volume.'),
      readOnly: boolean('Mount read-only. Defaults to false.'),
      recursiveReadOnly: string('Whether read-only applies to submounts too: Disabled, IfPossible or Enabled.'),
      subPath: string('A path inside the volume to mount instead of its root.'),
      subPathExpr: string('Like subPath, with $(VAR) environment references expanded.'),
    },
    { required: ['name', 'mountPath'] },
  ),
  'io.k8s.api.core.v1.VolumeDevice': object(
    'A raw block device mapped into a container.',
    { devicePath: string('The path in the container.'), name: string('The name of a persistentVolumeClaim volume of the pod.') },
    { required: ['name', 'devicePath'] },
  ),
  'io.k8s.api.core.v1.ResourceRequirements': object('Compute resource requirements.', {
    claims: refList('core.ResourceClaim', 'Dynamic resource claims of the pod this container uses.', { listType: 'map', mapKeys: ['name'] }),
    limits: quantityMap('The most of each resource the container may use, e.g. cpu: 500m, memory: 128Mi.'),
    requests: quantityMap('The resources the container is guaranteed and is scheduled by; default to the limits.'),
  }),
  'io.k8s.api.core.v1.ResourceClaim': object(
    'A reference to a pod resource claim.',
    { name: string('The name of an entry in the pod spec resourceClaims.'), request: string('One request of that claim, if not all.') },
    { required: ['name'] },
  ),
  'io.k8s.api.core.v1.ContainerResizePolicy': object(
    'What happens to a container when one of its resources is resized.',
    { resourceName: string('cpu or memory.'), restartPolicy: string('NotRequired or RestartContainer.') },
    { required: ['resourceName', 'restartPolicy'] },
  ),
  'io.k8s.api.core.v1.Probe': object('A health check the kubelet runs against a container.', {
    exec: ref('core.ExecAction', 'Run a command in the container; exit status 0 is success.'),
    failureThreshold: int32('Consecutive failures before the probe counts as failed. Defaults to 3.'),
    grpc: ref('core.GRPCAction', 'Call the gRPC health checking protocol.'),
    httpGet: ref('core.HTTPGetAction', 'Send an HTTP GET; 2xx and 3xx are success.'),
    initialDelaySeconds: int32('Seconds after start before probing begins.'),
    periodSeconds: int32('Seconds between probes. Defaults to 10.'),
    successThreshold: int32('Consecutive successes before a failed probe counts as passing again. Defaults to 1; must be 1 for liveness and startup.'),
    tcpSocket: ref('core.TCPSocketAction', 'Open a TCP connection.'),
    terminationGracePeriodSeconds: int64('A grace period for kills triggered by this probe, overriding the pod one.'),
    timeoutSeconds: int32('Seconds before a probe attempt times out. Defaults to 1.'),
  }),
  'io.k8s.api.core.v1.ExecAction': object('A command to run in the container.', { command: stringList('The command and its arguments; not run in a shell.') }),
  'io.k8s.api.core.v1.HTTPGetAction': object(
    'An HTTP GET request.',
    {
      host: string('The host to connect to; defaults to the pod IP.'),
      httpHeaders: refList('core.HTTPHeader', 'Extra request headers.', { listType: 'atomic' }),
      path: string('The path to request.'),
      port: intOrString('The port number or name.'),
      scheme: string('HTTP or HTTPS. Defaults to HTTP.', ['HTTP', 'HTTPS']),
    },
    { required: ['port'] },
  ),
  'io.k8s.api.core.v1.HTTPHeader': object('An HTTP header.', { name: string('The header name.'), value: string('The header value.') }, { required: ['name', 'value'] }),
  'io.k8s.api.core.v1.TCPSocketAction': object(
    'A TCP connection attempt.',
    { host: string('The host to connect to; defaults to the pod IP.'), port: intOrString('The port number or name.') },
    { required: ['port'] },
  ),
  'io.k8s.api.core.v1.GRPCAction': object(
    'A gRPC health check.',
    { port: int32('The port number.'), service: string('The service name to send in the health check request.') },
    { required: ['port'] },
  ),
  'io.k8s.api.core.v1.Lifecycle': object('Handlers the kubelet runs around container start and stop.', {
    postStart: ref('core.LifecycleHandler', 'Runs right after the container is created.'),
    preStop: ref('core.LifecycleHandler', 'Runs before the container is terminated.'),
  }),
  'io.k8s.api.core.v1.LifecycleHandler': object('One lifecycle action.', {
    exec: ref('core.ExecAction', 'Run a command.'),
    httpGet: ref('core.HTTPGetAction', 'Send an HTTP GET.'),
    sleep: ref('core.SleepAction', 'Sleep for a while.'),
    tcpSocket: ref('core.TCPSocketAction', 'Deprecated; kept for compatibility.'),
  }),
  'io.k8s.api.core.v1.SleepAction': object('A pause.', { seconds: int64('How long to sleep.') }, { required: ['seconds'] }),
  'io.k8s.api.core.v1.SecurityContext': object('Security options of a container.', {
    allowPrivilegeEscalation: boolean('Whether a process may gain more privileges than its parent (no_new_privs).'),
    appArmorProfile: ref('core.AppArmorProfile', 'The AppArmor profile.'),
    capabilities: ref('core.Capabilities', 'Linux capabilities to add or drop.'),
    privileged: boolean('Run as privileged: like root on the host.'),
    procMount: string('Default or Unmasked.'),
    readOnlyRootFilesystem: boolean('Mount the root filesystem read-only.'),
    runAsGroup: int64('The GID to run the entrypoint as.'),
    runAsNonRoot: boolean('Refuse to start if the image would run as UID 0.'),
    runAsUser: int64('The UID to run the entrypoint as.'),
    seLinuxOptions: ref('core.SELinuxOptions', 'The SELinux context.'),
    seccompProfile: ref('core.SeccompProfile', 'The seccomp profile.'),
    windowsOptions: ref('core.WindowsSecurityContextOptions', 'Windows-specific options.'),
  }),
  'io.k8s.api.core.v1.Capabilities': object('Linux capabilities.', { add: stringList('Capabilities to add.'), drop: stringList('Capabilities to drop.') }),
  'io.k8s.api.core.v1.SELinuxOptions': object('An SELinux label.', {
    level: string('The level.'),
    role: string('The role.'),
    type: string('The type.'),
    user: string('The user.'),
  }),
  'io.k8s.api.core.v1.SeccompProfile': object(
    'A seccomp profile.',
    { localhostProfile: string('A profile file on the node, for type Localhost.'), type: string('Localhost, RuntimeDefault or Unconfined.', ['Localhost', 'RuntimeDefault', 'Unconfined']) },
    { required: ['type'], extra: { 'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }] } },
  ),
  'io.k8s.api.core.v1.AppArmorProfile': object(
    'An AppArmor profile.',
    { localhostProfile: string('A profile loaded on the node, for type Localhost.'), type: string('Localhost, RuntimeDefault or Unconfined.', ['Localhost', 'RuntimeDefault', 'Unconfined']) },
    { required: ['type'] },
  ),
  'io.k8s.api.core.v1.WindowsSecurityContextOptions': object('Windows-specific security options.', {
    gmsaCredentialSpec: string('The GMSA credential spec content.'),
    gmsaCredentialSpecName: string('The name of the GMSA credential spec to use.'),
    hostProcess: boolean('Run as a host process.'),
    runAsUserName: string('The user name to run as.'),
  }),
  'io.k8s.api.core.v1.KeyToPath': object(
    'Maps a key of a config map or secret to a file path.',
    { key: string('The key.'), mode: int32('File mode bits, e.g. 0644 (420).'), path: string('The relative path of the file.') },
    { required: ['key', 'path'] },
  ),
  'io.k8s.api.core.v1.LocalObjectReference': object('A reference to an object in the same namespace, by name.', { name: string('The name.') }, { mapType: 'atomic' }),
};
