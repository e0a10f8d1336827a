/**
 * Schemas of core/v1 Volume and the volume sources people write by hand; the other sources
 * (cloud disks, storage plugins) are accepted as free-form objects.
 */
import { boolean, freeform, int32, int64, object, quantity, ref, refList, string, type Schema } from './schema-builders';

const keyToPath = (description: string): Schema => refList('core.KeyToPath', description, { listType: 'atomic' });

/** Sources we accept without modelling their fields. */
const OTHER_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo',
  'glusterfs', 'iscsi', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume', 'image',
];

export const VOLUME_SCHEMAS: Record<string, Schema> = {
  'io.k8s.api.core.v1.Volume': object(
    'A named volume in a pod that containers can mount; exactly one source may be set.',
    {
      ...Object.fromEntries(OTHER_SOURCES.map((s) => [s, freeform(`A ${s} volume source.`)])),
      configMap: ref('core.ConfigMapVolumeSource', 'Files made from the keys of a config map.'),
      csi: ref('core.CSIVolumeSource', 'A volume provided by a CSI driver.'),
      downwardAPI: ref('core.DownwardAPIVolumeSource', 'Files made from pod fields.'),
      emptyDir: ref('core.EmptyDirVolumeSource', 'A scratch directory that lives as long as the pod.'),
      ephemeral: ref('core.EphemeralVolumeSource', 'A volume from a claim created for this pod and deleted with it.'),
      hostPath: ref('core.HostPathVolumeSource', 'A file or directory of the node; use with care.'),
      name: string('The volume name, a DNS label unique within the pod.'),
      nfs: ref('core.NFSVolumeSource', 'An NFS export.'),
      persistentVolumeClaim: ref('core.PersistentVolumeClaimVolumeSource', 'A persistent volume claim in the same namespace.'),
      projected: ref('core.ProjectedVolumeSource', 'Several sources projected into one directory.'),
      secret: ref('core.SecretVolumeSource', 'Files made from the keys of a secret.'),
    },
    { required: ['name'] },
  ),
  'io.k8s.api.core.v1.ConfigMapVolumeSource': object('A config map as files.', {
    defaultMode: int32('Mode bits of the files. Defaults to 0644 (420).'),
    items: keyToPath('Which keys to project, and where; all keys when empty.'),
    name: string('The config map name.'),
    optional: boolean('Whether the config map or its keys may be missing.'),
  }),
  'io.k8s.api.core.v1.SecretVolumeSource': object('A secret as files.', {
    defaultMode: int32('Mode bits of the files. Defaults to 0644 (420).'),
    items: keyToPath('Which keys to project, and where; all keys when empty.'),
    optional: boolean('Whether the secret or its keys may be missing.'),
    secretName: string('The secret name.'),
  }),
  'io.k8s.api.core.v1.EmptyDirVolumeSource': object('A temporary directory.', {
    medium: string('Where to back it: "" for node storage, or Memory for tmpfs.'),
    sizeLimit: quantity('The most space the directory may use.'),
  }),
  'io.k8s.api.core.v1.HostPathVolumeSource': object(
    'A path on the node.',
    { path: string('The path on the node.'), type: string('What must be at the path: "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice or BlockDevice.') },
    { required: ['path'] },
  ),
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource': object(
    'A reference to a persistent volume claim.',
    { claimName: string('The claim name.'), readOnly: boolean('Mount read-only.') },
    { required: ['claimName'] },
  ),
  'io.k8s.api.core.v1.NFSVolumeSource': object(
    'An NFS mount.',
    { path: string('The exported path.'), readOnly: boolean('Mount read-only.'), server: string('The NFS server.') },
    { required: ['server', 'path'] },
  ),
  'io.k8s.api.core.v1.CSIVolumeSource': object(
    'An ephemeral volume from a CSI driver.',
    {
      driver: string('The CSI driver name.'),
      fsType: string('The filesystem type.'),
      nodePublishSecretRef: ref('core.LocalObjectReference', 'A secret with credentials for the driver.'),
      readOnly: boolean('Mount read-only.'),
      volumeAttributes: { type: 'object', additionalProperties: { type: 'string', default: '' }, description: 'Driver-specific attributes.' },
    },
    { required: ['driver'] },
  ),
  'io.k8s.api.core.v1.EphemeralVolumeSource': object('A generic ephemeral volume.', {
    volumeClaimTemplate: freeform('The claim to create for the pod (metadata and a PersistentVolumeClaimSpec).'),
  }),
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': object('Pod information as files.', {
    defaultMode: int32('Mode bits of the files. Defaults to 0644 (420).'),
    items: refList('core.DownwardAPIVolumeFile', 'The files to create.', { listType: 'atomic' }),
  }),
  'io.k8s.api.core.v1.DownwardAPIVolumeFile': object(
    'One file of pod information.',
    {
      fieldRef: ref('core.ObjectFieldSelector', 'A pod field.'),
      mode: int32('Mode bits of the file.'),
      path: string('The relative path of the file.'),
      resourceFieldRef: ref('core.ResourceFieldSelector', 'A container resource.'),
    },
    { required: ['path'] },
  ),
  'io.k8s.api.core.v1.ProjectedVolumeSource': object('Several sources in one directory.', {
    defaultMode: int32('Mode bits of the files. Defaults to 0644 (420).'),
    sources: refList('core.VolumeProjection', 'The sources.', { listType: 'atomic' }),
  }),
  'io.k8s.api.core.v1.VolumeProjection': object('One projected source.', {
    clusterTrustBundle: freeform('Certificates of a ClusterTrustBundle.'),
    configMap: ref('core.ConfigMapProjection', 'Keys of a config map.'),
    downwardAPI: ref('core.DownwardAPIProjection', 'Pod information.'),
    secret: ref('core.SecretProjection', 'Keys of a secret.'),
    serviceAccountToken: ref('core.ServiceAccountTokenProjection', 'A token of the pod service account.'),
  }),
  'io.k8s.api.core.v1.ConfigMapProjection': object('Config map keys to project.', {
    items: keyToPath('Which keys, and where; all keys when empty.'),
    name: string('The config map name.'),
    optional: boolean('Whether it may be missing.'),
  }),
  'io.k8s.api.core.v1.SecretProjection': object('Secret keys to project.', {
    items: keyToPath('Which keys, and where; all keys when empty.'),
    name: string('The secret name.'),
    optional: boolean('Whether it may be missing.'),
  }),
  'io.k8s.api.core.v1.DownwardAPIProjection': object('Pod information to project.', {
    items: refList('core.DownwardAPIVolumeFile', 'The files.', { listType: 'atomic' }),
  }),
  'io.k8s.api.core.v1.ServiceAccountTokenProjection': object(
    'A bound service account token, refreshed by the kubelet.',
    {
      audience: string('The intended audience; defaults to the API server.'),
      expirationSeconds: int64('Requested validity. Defaults to 1 hour.'),
      path: string('The relative path of the token file.'),
    },
    { required: ['path'] },
  ),
};
