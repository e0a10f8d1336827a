/**
 * etcd's v3 API definitions (etcdserverpb, mvccpb, authpb), loaded from the proto files the etcd3
 * client package ships, so the server speaks exactly the wire format etcdctl and clients expect.
 * 64-bit integers travel as decimal strings (IDs do not fit a double); enums as numbers (enums.ts names them).
 */
import { createRequire } from 'node:module';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const requireFromHere = createRequire(import.meta.url);

let cached: grpc.GrpcObject | undefined;

export function etcdProto(): grpc.GrpcObject {
  if (cached) return cached;
  const file = requireFromHere.resolve('etcd3/proto/rpc.proto');
  const def = protoLoader.loadSync(file, { keepCase: true, longs: String, enums: Number, defaults: true, oneofs: true });
  cached = grpc.loadPackageDefinition(def);
  return cached;
}

export function service(name: 'KV' | 'Watch' | 'Lease' | 'Cluster' | 'Maintenance' | 'Auth'): grpc.ServiceDefinition {
  const pkg = etcdProto().etcdserverpb as grpc.GrpcObject;
  return (pkg[name] as grpc.ServiceClientConstructor).service;
}
