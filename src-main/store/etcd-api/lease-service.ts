/** The Lease service: grant, revoke, keep-alive stream, time-to-live and listing. */
import type { sendUnaryData, ServerDuplexStream, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import type { KV } from '../kv';
import { header, keyBytes, type Int64, type MemberIdentity } from './convert';
import { errLeaseExists, errLeaseNotFound, toGrpcError } from './errors';
import type { Lessor } from './lessor';

const id64 = (v: Int64 | undefined): bigint => BigInt(v || '0');

export function leaseService(kv: KV, lessor: Lessor, id: MemberIdentity): UntypedServiceImplementation {
  const h = (): Record<string, string> => header(id, kv.currentRevision());
  return {
    LeaseGrant: (call: ServerUnaryCall<{ TTL?: Int64; ID?: Int64 }, unknown>, cb: sendUnaryData<unknown>) => {
      const lease = lessor.grant(id64(call.request.ID), Number(call.request.TTL ?? 0));
      if (!lease) return cb(errLeaseExists());
      cb(null, { header: h(), ID: lease.id.toString(), TTL: String(lease.grantedTTL), error: '' });
    },
    LeaseRevoke: (call: ServerUnaryCall<{ ID?: Int64 }, unknown>, cb: sendUnaryData<unknown>) => {
      lessor.revoke(id64(call.request.ID)).then(
        (found) => (found ? cb(null, { header: h() }) : cb(errLeaseNotFound())),
        (e: unknown) => cb(toGrpcError(e)),
      );
    },
    LeaseKeepAlive: (call: ServerDuplexStream<{ ID?: Int64 }, unknown>) => {
      call.on('data', (req: { ID?: Int64 }) => {
        const leaseId = id64(req.ID);
        const ttl = lessor.keepAlive(leaseId);
        call.write({ header: h(), ID: leaseId.toString(), TTL: String(ttl ?? 0) });
      });
      call.on('end', () => call.end());
    },
    LeaseTimeToLive: (call: ServerUnaryCall<{ ID?: Int64; keys?: boolean }, unknown>, cb: sendUnaryData<unknown>) => {
      const leaseId = id64(call.request.ID);
      const lease = lessor.get(leaseId);
      if (!lease) return cb(null, { header: h(), ID: leaseId.toString(), TTL: '-1', grantedTTL: '0', keys: [] });
      const keys = call.request.keys ? lessor.keysOf(leaseId) : Promise.resolve([]);
      keys.then(
        (ks) => cb(null, { header: h(), ID: leaseId.toString(), TTL: String(lessor.remaining(lease)), grantedTTL: String(lease.grantedTTL), keys: ks.map(keyBytes) }),
        (e: unknown) => cb(toGrpcError(e)),
      );
    },
    LeaseLeases: (_call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => {
      cb(null, { header: h(), leases: lessor.list().map((l) => ({ ID: l.id.toString() })) });
    },
  };
}
