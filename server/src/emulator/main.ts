/**
 * `npm run emulator -- --port N [--region R] [--fault F] [--delay-ms MS]`: the local SageMaker
 * endpoint for offline work and manual fault trials. Prints `listening on http://127.0.0.1:<port>`
 * (port 0 picks a free one) and runs until stopped. It serves requests signed for any region unless
 * `--region` names the one to insist on.
 */
import { FAULTS, isFault, startEmulator } from './emulator';

const USAGE = `usage: emulator [--port N] [--host H] [--region R] [--fault ${FAULTS.join('|')}] [--delay-ms MS]`;

function parseArgs(argv: string[]) {
  const options: { port?: number; host?: string; region?: string; fault?: (typeof FAULTS)[number]; delayMs?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    i++;
    switch (flag) {
      case '--port':
      case '--delay-ms': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0 || (flag === '--port' && n > 65535)) throw new Error(`${flag} must be a whole number, got '${value}'`);
        if (flag === '--port') options.port = n;
        else options.delayMs = n;
        break;
      }
      case '--host':
        options.host = value;
        break;
      case '--region':
        options.region = value;
        break;
      case '--fault':
        if (!isFault(value)) throw new Error(`--fault must be one of ${FAULTS.join(', ')}, got '${value}'`);
        options.fault = value;
        break;
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  console.log(`listening on ${emulator.url}`);
  const regions = emulator.region ? `region ${emulator.region} only` : 'any region (--region pins one)';
  console.log(`serving ${regions}; point gtTemplates.preview.aws.endpoint at the URL above`);
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
});
