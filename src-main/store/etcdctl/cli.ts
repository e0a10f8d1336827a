/**
 * The executable's entry (built to out/main/etcdctl.js): runs the bundled etcdctl on the
 * process's arguments and streams, Ctrl-C ending watch and keep-alive.
 */
import { runEtcdctl } from './main';

// grpc-js names the TLS server by IP for https://127.0.0.1 endpoints, which Node flags as
// deprecated on every run; etcdctl prints nothing of the kind, so neither do we.
process.noDeprecation = true;

const controller = new AbortController();
process.on('SIGINT', () => {
  // watch and keep-alive end cleanly on the abort; anything else is stopped as Ctrl-C stops etcdctl.
  controller.abort();
  setTimeout(() => process.exit(130), 200).unref();
});

const code = await runEtcdctl(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  signal: controller.signal,
});
process.stdout.write('', () => process.exit(code));
