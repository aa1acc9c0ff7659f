// Schema lint of Terraform files without a Terraform CLI (DESIGN.md §8, STYLE.md 10).
// usage: node lint.mjs <provider binary> <dir>...
// 1. Starts the provider in debug mode (plaintext gRPC on a unix socket) and reads its live
//    schema with tfplugin6 GetProviderSchema through grpc-js.
// 2. Parses every *.tf and *.tftest.hcl under the dirs with @cdktf/hcl2json (HashiCorp's HCL
//    parser compiled to wasm): a syntax error fails.
// 3. For every crd_* resource and data block and every provider "crd" block, every attribute
//    and nested block set (including inside `dynamic` blocks) must exist in the schema, computed-
//    only attributes must not be set, and required attributes must be present.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import { parse } from '@cdktf/hcl2json';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const [providerPath, ...dirs] = process.argv.slice(2);
if (!providerPath || dirs.length === 0) {
  console.error('usage: node lint.mjs <provider binary> <dir>...');
  process.exit(2);
}

const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection', 'dynamic']);

async function readSchema() {
  const child = spawn(providerPath, ['--debug'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const address = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('provider printed no TF_REATTACH_PROVIDERS within 60 s')), 60_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const match = line.match(/TF_REATTACH_PROVIDERS='(.*)'/);
        if (match) {
          clearTimeout(timer);
          const reattach = Object.values(JSON.parse(match[1]))[0];
          resolve(reattach.Addr.String);
        }
      });
      child.once('exit', (code) => reject(new Error(`provider exited (${code}) before serving`)));
    });
    const definition = protoLoader.loadSync(join(repo, 'provider/Crd.Terraform.Plugin/Protos/tfplugin6.proto'), { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
    const pkg = grpc.loadPackageDefinition(definition);
    const client = new pkg.tfplugin6.Provider(`unix:${address}`, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 256 * 1024 * 1024 });
    const reply = await new Promise((resolve, reject) => client.GetProviderSchema({}, (e, r) => (e ? reject(e) : resolve(r))));
    client.close();
    return reply;
  } finally {
    child.kill('SIGKILL');
  }
}

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (name.endsWith('.tf') || name.endsWith('.tftest.hcl')) out.push(path);
  }
  return out;
}

const problems = [];
let checked = 0;

// Checks one block body (hcl2json shape: attributes as values, nested blocks as arrays of objects).
function checkBody(body, block, where, { meta = false } = {}) {
  const attributes = new Map(block.attributes.map((a) => [a.name, a]));
  const nested = new Map(block.block_types.map((b) => [b.type_name, b]));
  for (const [key, value] of Object.entries(body)) {
    if (meta && META.has(key)) {
      if (key === 'dynamic') {
        for (const [type, instances] of Object.entries(value)) {
          const inner = nested.get(type);
          if (!inner) {
            problems.push(`${where}: dynamic "${type}": no such block in the schema (blocks: ${[...nested.keys()].join(', ') || 'none'})`);
            continue;
          }
          for (const instance of instances) for (const content of instance.content ?? []) checkBody(content, inner.block, `${where}.${type}`, { meta: true });
        }
      }
      continue;
    }
    checked++;
    if (attributes.has(key)) {
      const attribute = attributes.get(key);
      if (!attribute.optional && !attribute.required) problems.push(`${where}: "${key}" is computed only and cannot be set`);
      continue;
    }
    if (nested.has(key)) {
      for (const instance of Array.isArray(value) ? value : [value]) checkBody(instance, nested.get(key).block, `${where}.${key}`, { meta: true });
      continue;
    }
    problems.push(`${where}: "${key}" is not an argument or block of this schema (arguments: ${[...attributes.values()].filter((a) => a.optional || a.required).map((a) => a.name).join(', ')})`);
  }
  for (const attribute of block.attributes) {
    if (attribute.required && !(attribute.name in body)) problems.push(`${where}: required argument "${attribute.name}" is missing`);
  }
}

const schema = await readSchema();
const kinds = [
  ['resource', schema.resource_schemas],
  ['data', schema.data_source_schemas],
];
let parsed = 0;
for (const dir of dirs) {
  for (const file of files(dir)) {
    const name = relative(repo, file);
    let json;
    try {
      json = await parse(file, readFileSync(file, 'utf8'));
      parsed++;
    } catch (error) {
      problems.push(`${name}: does not parse: ${String(error.message ?? error).split('\n')[0]}`);
      continue;
    }
    for (const [kind, schemas] of kinds) {
      for (const [type, blocks] of Object.entries(json[kind] ?? {})) {
        if (!type.startsWith('crd_')) continue;
        if (!schemas[type]) {
          problems.push(`${name}: ${kind} "${type}" does not exist (the provider has ${Object.keys(schemas).join(', ')})`);
          continue;
        }
        for (const [label, instances] of Object.entries(blocks)) {
          for (const body of instances) checkBody(body, schemas[type].block, `${name}: ${kind === 'data' ? 'data.' : ''}${type}.${label}`, { meta: true });
        }
      }
    }
    for (const instance of json.provider?.crd ?? []) checkBody(instance, schema.provider.block, `${name}: provider "crd"`, { meta: false });
    for (const mock of json.mock_provider?.crd ?? []) {
      for (const [type, resources] of Object.entries(mock.mock_resource ?? {})) {
        if (!schema.resource_schemas[type]) problems.push(`${name}: mock_resource "${type}" does not exist`);
        for (const resource of resources) for (const key of Object.keys(resource.defaults ?? {})) {
          if (!schema.resource_schemas[type]?.block.attributes.some((a) => a.name === key)) problems.push(`${name}: mock_resource "${type}" default "${key}" is not an attribute`);
        }
      }
    }
  }
}

if (problems.length > 0) {
  console.log(problems.join('\n'));
  console.log(`lint: ${problems.length} problem(s) in ${parsed} files`);
  process.exit(1);
}
console.log(`lint: ${parsed} files parse; ${checked} crd_* arguments and blocks exist in the live schema`);
