/**
 * Which images the simulated registries have. Official Docker Hub images and images on other
 * registries pull; a single-word Docker Hub name that is not an official image does not, nor a
 * reference that cannot parse — as a real node would answer, with containerd's wording.
 */

/** Official images a user is likely to try, by repository (Docker Hub library). */
const OFFICIAL = new Set([
  'nginx', 'httpd', 'busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'redis', 'memcached', 'postgres', 'mysql',
  'mariadb', 'mongo', 'rabbitmq', 'node', 'python', 'golang', 'openjdk', 'eclipse-temurin', 'ruby', 'php', 'wordpress',
  'traefik', 'haproxy', 'caddy', 'tomcat', 'jenkins', 'registry', 'elasticsearch', 'kibana', 'logstash', 'consul', 'vault',
  'influxdb', 'grafana', 'nats', 'zookeeper', 'cassandra', 'perl', 'bash', 'hello-world', 'nextcloud', 'ghost', 'adminer',
  'rust', 'gcc', 'amazonlinux', 'rockylinux', 'almalinux', 'archlinux', 'percona', 'couchdb', 'solr', 'flink', 'spark',
  'kong', 'telegraf', 'chronograf', 'eclipse-mosquitto', 'docker', 'sonarqube', 'neo4j', 'mongo-express', 'swarm',
]);

export type ImagePull = { ok: true; image: string; imageID: string } | { ok: false; reason: 'ErrImagePull' | 'InvalidImageName'; message: string };

const REFERENCE = /^(?:(?<registry>[a-z0-9.-]+(?::\d+)?)\/)?(?<path>[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[a-f0-9]{64}))?$/;

/** A deterministic sha256-looking digest for an image (the simulated registry's answer). */
export function fakeDigest(seed: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${round}:${seed}`) {
      h1 ^= ch.charCodeAt(0);
      h1 = Math.imul(h1, 0x01000193) >>> 0;
    }
    out += h1.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** Resolves an image reference as containerd would, or says why it cannot be pulled. */
export function pullImage(ref: string): ImagePull {
  const m = REFERENCE.exec(ref);
  if (!ref || !m?.groups) {
    return { ok: false, reason: 'InvalidImageName', message: `Failed to apply default image tag ${JSON.stringify(ref)}: couldn't parse image name ${JSON.stringify(ref)}: invalid reference format` };
  }
  let registry: string | undefined = m.groups.registry;
  let path = m.groups.path;
  const tag = m.groups.tag ?? 'latest';
  // "foo/bar" with no dot or port in the first part is a Docker Hub user, not a registry.
  if (registry && !registry.includes('.') && !registry.includes(':') && registry !== 'localhost') {
    path = `${registry}/${path}`;
    registry = undefined;
  }
  registry ??= 'docker.io';
  if (registry === 'docker.io' && !path.includes('/')) {
    if (!OFFICIAL.has(path)) {
      const full = `docker.io/library/${path}:${tag}`;
      return {
        ok: false,
        reason: 'ErrImagePull',
        message: `failed to pull and unpack image ${JSON.stringify(full)}: failed to resolve reference ${JSON.stringify(full)}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
      };
    }
    path = `library/${path}`;
  }
  const image = `${registry}/${path}:${tag}`;
  const repo = `${registry}/${path}`;
  return { ok: true, image, imageID: `${repo}@sha256:${fakeDigest(image)}` };
}
