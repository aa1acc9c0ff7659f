// Headless-browser test of the crd-sim dashboard: starts the built crd-sim on a free port,
// creates a server and a volume through the APIs, loads "/", checks the page shows them
// without console errors, waits for one auto-refresh and saves a screenshot.
//
// Needs: a built crd-sim (dotnet build simulator/Crd.Simulator), Chromium (/usr/bin/chromium or
// $CHROMIUM) and `npm ci` here. Run: node --test tests/dashboard/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const simDll = process.env.CRD_SIM_DLL ?? join(repo, 'simulator/Crd.Simulator/bin/Debug/net10.0/crd-sim.dll');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const screenshot = process.env.CRD_SIM_SCREENSHOT ?? '/tmp/crd-sim-dashboard.png';

function skipReason() {
  if (!existsSync(chromiumPath)) {
    return `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM)`;
  }
  if (!existsSync(simDll)) {
    return `crd-sim is not built at ${simDll} (dotnet build simulator/Crd.Simulator, or set CRD_SIM_DLL)`;
  }
  try {
    import.meta.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (cd tests/dashboard && npm ci)';
  }
  return null;
}

async function startSim(dataDir) {
  const child = spawn('dotnet', [simDll, 'up', '--data', dataDir, '--port', '0', '--instant'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const output = [];
  for await (const line of lines) {
    output.push(line);
    if (line.startsWith('crd-sim ready ')) {
      child.stdout.resume();
      return { child, url: line.slice('crd-sim ready '.length).trim(), output };
    }
  }
  throw new Error('crd-sim exited before it was ready');
}

async function call(url, method, path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers['X-Auth-Token'] = token;
  const response = await fetch(url + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

const reason = skipReason();

test('dashboard shows a new server and volume without console errors', { skip: reason ?? false, timeout: 120_000 }, async () => {
  const { chromium } = await import('playwright-core');
  const dataDir = mkdtempSync(join(tmpdir(), 'crd-sim-dash-'));
  const profile = mkdtempSync(join(tmpdir(), 'crd-sim-chromium-'));
  const { child, url, output } = await startSim(dataDir);
  let context;
  try {
    const tenant = await call(url, 'POST', '/_sim/projects', { site: 'toulouse', name: 'dashboard-demo' });
    assert.equal(tenant.status, 201);
    const auth = await call(url, 'POST', '/sites/toulouse/identity/v3/auth/tokens', {
      auth: { identity: { methods: ['application_credential'], application_credential: { id: tenant.json.application_credential_id, secret: tenant.json.application_credential_secret } } },
    });
    assert.equal(auth.status, 201);
    const token = auth.headers.get('x-subject-token');
    const flavors = await call(url, 'GET', '/sites/toulouse/compute/v2.1/flavors', null, token);
    const images = await call(url, 'GET', '/sites/toulouse/image/v2/images?name=ubuntu-24.04', null, token);
    const server = await call(url, 'POST', '/sites/toulouse/compute/v2.1/servers', {
      server: { name: 'dashboard-demo-vm', flavorRef: flavors.json.flavors.find(f => f.name === 'm1.small').id, imageRef: images.json.images[0].id, networks: 'auto' },
    }, token);
    assert.equal(server.status, 202);
    const volume = await call(url, 'POST', `/sites/toulouse/volume/v3/${tenant.json.project_id}/volumes`, { volume: { name: 'dashboard-demo-vol', size: 5 } }, token);
    assert.equal(volume.status, 202);
    const cluster = await fetch(url + '/sites/toulouse/container-infra/v1/clusters', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': token, 'OpenStack-API-Version': 'container-infra 1.10' },
      body: JSON.stringify({ name: 'dashboard-demo-k8s', cluster_template_id: 'k8s-v1.30', node_count: 2, flavor_id: 'm1.small', master_flavor_id: 'm1.small' }),
    });
    assert.equal(cluster.status, 202);
    const zoneToken = output.find(l => l.trimStart().startsWith('onezone user token')).trim().split(/\s+/).at(-1);
    const space = await fetch(url + '/onezone/api/v3/onezone/user/spaces', {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Auth-Token': zoneToken }, body: JSON.stringify({ name: 'dashboard-demo-space' }),
    });
    assert.equal(space.status, 201);

    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1600, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    const problems = [];
    page.on('console', message => { if (message.type() === 'error') problems.push('console: ' + message.text()); });
    page.on('pageerror', error => problems.push('page error: ' + error.message));
    page.on('requestfailed', request => problems.push('request failed: ' + request.url()));

    const response = await page.goto(url + '/');
    assert.equal(response.status(), 200);
    await page.getByText('dashboard-demo-vm').first().waitFor();
    const text = await page.locator('body').innerText();
    assert.match(text, /dashboard-demo-vm/);
    assert.match(text, /dashboard-demo-vol/);
    assert.match(text, /dashboard-demo-k8s/);
    assert.match(text, /dashboard-demo-space/);
    assert.match(text, /toulouse/);

    // One auto-refresh cycle must also be clean and keep the server on the page.
    await page.waitForResponse(r => r.url().endsWith('/_sim/dashboard.html') && r.status() === 200);
    await page.getByText('dashboard-demo-vm').first().waitFor();
    await page.screenshot({ path: screenshot, fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context?.close();
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});

if (reason) {
  console.log(`# dashboard browser test skipped: ${reason}`);
}
