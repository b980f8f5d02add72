/**
 * A tripwire for the compiler's half of the service's purity (ARCHITECTURE.md, "Invariants"):
 * this project is compiled without Node's types, so `fs`, `path` and `process` do not compile in
 * it. Should a dependency's declarations load Node's types again (liquidjs's do, which is why
 * render/liquid.ts is compiled with the server), the directive below goes unused and the build fails.
 */
// @ts-expect-error Node's types are not loaded in the pure service.
export type NodeProcess = NodeJS.Process;
