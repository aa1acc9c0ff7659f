// Conformance of a provider binary's plugin transport, checked with a gRPC stack nobody here
// wrote (@grpc/grpc-js): go-plugin's handshake as Terraform performs it, AutoMTLS with a P-521
// client certificate pinned both ways, gRPC status codes, streaming, large messages, and
// GRPCController.Shutdown. Run with `npm ci && npm test` (see run.sh).
//
// CRD_CONFORMANCE_PROVIDER    provider executable (default: the built TestProvider)
// CRD_CONFORMANCE_REQUIRE_SCHEMA=1  fail (instead of skip) when tfplugin6 GetProviderSchema is unimplemented
// CRD_CONFORMANCE_LOG=trace, CRD_CONFORMANCE_LOG_FILE=path   capture the provider's log

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const protoDir = join(repo, 'provider/Crd.Terraform.Plugin/Protos');
const echoProtoDir = join(repo, 'tests/Crd.Terraform.Plugin.TestProvider/Protos');
const MAGIC_COOKIE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

function findProvider() {
  if (process.env.CRD_CONFORMANCE_PROVIDER) return process.env.CRD_CONFORMANCE_PROVIDER;
  for (const config of ['Release', 'Debug']) {
    const candidate = join(repo, `tests/Crd.Terraform.Plugin.TestProvider/bin/${config}/net10.0/terraform-provider-sdktest`);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('no provider binary: build tests/Crd.Terraform.Plugin.TestProvider or set CRD_CONFORMANCE_PROVIDER');
}

// go-plugin's mtls.go: ECDSA P-521, CN=localhost, O=HashiCorp, SAN localhost, CA, client+server auth.
function makeClientCertificate(dir, name) {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}-cert.pem`);
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-521', '-nodes',
    '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost/O=HashiCorp',
    '-addext', 'subjectAltName=DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign',
    '-addext', 'extendedKeyUsage=clientAuth,serverAuth',
  ], { stdio: 'ignore' });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

function derToPem(base64RawStd) {
  const padded = base64RawStd + '='.repeat((4 - (base64RawStd.length % 4)) % 4);
  const lines = padded.match(/.{1,64}/g).join('\n');
  return Buffer.from(`-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`);
}

const state = {};

before(async () => {
  state.dir = mkdtempSync(join(tmpdir(), 'crd-conformance-'));
  state.client = makeClientCertificate(state.dir, 'client');
  state.foreign = makeClientCertificate(state.dir, 'foreign');
  const env = { ...process.env };
  delete env.TF_LOG;
  delete env.TF_LOG_PROVIDER;
  // CRD_CONFORMANCE_LOG=trace|debug: provider log level; the log is written to CRD_CONFORMANCE_LOG_FILE (or stderr).
  if (process.env.CRD_CONFORMANCE_LOG) env.TF_LOG = process.env.CRD_CONFORMANCE_LOG;
  Object.assign(env, {
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE,
    PLUGIN_MIN_PORT: '0',
    PLUGIN_MAX_PORT: '0',
    PLUGIN_PROTOCOL_VERSIONS: '5,6',
    PLUGIN_CLIENT_CERT: state.client.cert.toString(),
  });
  state.child = spawn(findProvider(), [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  state.stderr = [];
  createInterface({ input: state.child.stderr }).on('line', (l) => state.stderr.push(l));
  state.exit = new Promise((res) => state.child.on('exit', (code, signal) => res({ code, signal })));
  const lines = createInterface({ input: state.child.stdout });
  state.handshake = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no handshake within 60 s')), 60_000);
    lines.once('line', (l) => { clearTimeout(timer); res(l); });
    state.child.once('exit', (code) => rej(new Error(`plugin exited (${code}) before handshake: ${state.stderr.join('\n')}`)));
  });
  state.extraStdout = [];
  lines.on('line', (l) => state.extraStdout.push(l));
  const [core, proto, network, address, protocol, cert] = state.handshake.split('|');
  Object.assign(state, { core, proto, network, address, protocol, cert });
  state.serverPem = derToPem(cert);
  state.channelOptions = {
    'grpc.ssl_target_name_override': 'localhost',
    'grpc.default_authority': 'localhost',
    'grpc.max_receive_message_length': 300 * 1024 * 1024,
    'grpc.max_send_message_length': 300 * 1024 * 1024,
  };
  state.credentials = grpc.credentials.createSsl(state.serverPem, state.client.key, state.client.cert);
  const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
  const health = grpc.loadPackageDefinition(protoLoader.loadSync(join(protoDir, 'grpc_health.proto'), loaderOptions));
  const controller = grpc.loadPackageDefinition(protoLoader.loadSync(join(protoDir, 'grpc_controller.proto'), loaderOptions));
  const target = `unix:${address}`;
  state.health = new health.grpc.health.v1.Health(target, state.credentials, state.channelOptions);
  state.controller = new controller.plugin.GRPCController(target, state.credentials, state.channelOptions);
  state.generic = new grpc.Client(target, state.credentials, state.channelOptions);
  if (process.env.CRD_CONFORMANCE_ECHO !== '0' && existsSync(join(echoProtoDir, 'crd_test_echo.proto'))) {
    const echo = grpc.loadPackageDefinition(protoLoader.loadSync(join(echoProtoDir, 'crd_test_echo.proto'), { ...loaderOptions, longs: Number }));
    state.echo = new echo.crd.test.Echo(target, state.credentials, state.channelOptions);
    // Only the SDK's test provider serves the echo service; a real provider answers UNIMPLEMENTED.
    try {
      await new Promise((res, rej) => state.echo.Stats({}, (e, r) => (e ? rej(e) : res(r))));
    } catch (err) {
      if (err.code !== grpc.status.UNIMPLEMENTED) throw err;
      state.echo.close();
      state.echo = undefined;
    }
  }
  const tfplugin6 = join(protoDir, 'tfplugin6.proto');
  if (existsSync(tfplugin6)) {
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync(tfplugin6, loaderOptions));
    state.provider6 = new pkg.tfplugin6.Provider(target, state.credentials, state.channelOptions);
  }
});

after(async () => {
  if (process.env.CRD_CONFORMANCE_LOG_FILE) writeFileSync(process.env.CRD_CONFORMANCE_LOG_FILE, state.stderr.join('\n'));
  for (const c of [state.health, state.controller, state.generic, state.echo, state.provider6]) c?.close();
  if (state.child && state.child.exitCode === null) {
    // SIGTERM: the provider stops cleanly and removes its unix socket; SIGKILL only after 5 s.
    const exited = new Promise((resolve) => state.child.once('exit', resolve));
    state.child.kill('SIGTERM');
    const timer = setTimeout(() => state.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  if (state.dir) rmSync(state.dir, { recursive: true, force: true });
});

const call = (client, method, request) => new Promise((res, rej) => client[method](request, (err, reply) => (err ? rej(err) : res(reply))));

test('handshake line is go-plugin format: 1|<5 or 6>|unix|<path>|grpc|<base64 RawStd DER>', () => {
  assert.match(state.handshake, /^1\|[56]\|unix\|\/[^|]+\|grpc\|[A-Za-z0-9+/]+$/);
  assert.equal(state.proto, '6');
  assert.ok(!state.cert.includes('='), 'certificate field must not be padded');
  assert.ok(existsSync(state.address), 'socket file exists');
});

test('health Check over AutoMTLS answers SERVING for "" and "plugin"', async () => {
  for (const service of ['', 'plugin']) {
    const reply = await call(state.health, 'Check', { service });
    assert.equal(reply.status, 'SERVING');
  }
});

test('an idle connection stays usable (no server idle timeout)', async () => {
  await call(state.health, 'Check', { service: '' });
  await new Promise((res) => setTimeout(res, 3000));
  const reply = await call(state.health, 'Check', { service: '' });
  assert.equal(reply.status, 'SERVING');
});

test('unknown method answers UNIMPLEMENTED', async () => {
  const identity = (b) => b;
  await assert.rejects(
    new Promise((res, rej) => state.generic.makeUnaryRequest('/tfplugin6.Provider/NoSuchMethod', identity, identity, Buffer.alloc(0), (e, r) => (e ? rej(e) : res(r)))),
    (err) => err.code === grpc.status.UNIMPLEMENTED,
  );
});

test('a client presenting a different certificate is refused', async () => {
  const foreign = grpc.credentials.createSsl(state.serverPem, state.foreign.key, state.foreign.cert);
  const health = new (grpc.makeGenericClientConstructor({}))(`unix:${state.address}`, foreign, state.channelOptions);
  try {
    const identity = (b) => b;
    await assert.rejects(
      new Promise((res, rej) => health.makeUnaryRequest('/grpc.health.v1.Health/Check', identity, identity, Buffer.alloc(0), { deadline: Date.now() + 10_000 }, (e, r) => (e ? rej(e) : res(r)))),
      (err) => err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED,
    );
  } finally {
    health.close();
  }
});

test('server streaming delivers every message in order', async (t) => {
  if (!state.echo) return t.skip('provider has no crd.test.Echo service');
  const indexes = [];
  await new Promise((res, rej) => {
    const stream = state.echo.Stream({ payload: Buffer.from('abc'), count: 100 });
    stream.on('data', (m) => indexes.push(m.index));
    stream.on('error', rej);
    stream.on('end', res);
  });
  assert.deepEqual(indexes, [...Array(100).keys()]);
});

test('a 64 MiB message round-trips intact', async (t) => {
  if (!state.echo) return t.skip('provider has no crd.test.Echo service');
  const payload = randomBytes(64 * 1024 * 1024);
  const reply = await call(state.echo, 'Unary', { payload });
  assert.ok(Buffer.compare(Buffer.from(reply.payload), payload) === 0, 'payload changed in transit');
});

test('tfplugin6 GetProviderSchema answers', async (t) => {
  if (!state.provider6) return t.skip('Protos/tfplugin6.proto not present yet');
  try {
    const reply = await call(state.provider6, 'GetProviderSchema', {});
    assert.ok(reply.provider, 'response carries a provider schema');
  } catch (err) {
    if (err.code === grpc.status.UNIMPLEMENTED && process.env.CRD_CONFORMANCE_REQUIRE_SCHEMA !== '1') {
      return t.skip('this provider binary does not serve tfplugin6 yet');
    }
    throw err;
  }
});

test('GRPCController.Shutdown makes the process exit 0 and remove its socket', async () => {
  await call(state.controller, 'Shutdown', {});
  const timeout = new Promise((_, rej) => setTimeout(() => rej(new Error('plugin still running 10 s after Shutdown')), 10_000));
  const { code } = await Promise.race([state.exit, timeout]);
  assert.equal(code, 0);
  assert.ok(!existsSync(state.address), 'socket removed');
  assert.deepEqual(state.extraStdout, [], 'nothing but the handshake on stdout');
});
