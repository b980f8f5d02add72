import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { once } from 'node:events';
import { RenderUiTemplateCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { ROLE } from '../helpers/emulator';

const EMULATOR = path.resolve(__dirname, '../../../dist/emulator.js');

/** Starts the bundled emulator and resolves with its URL once it prints its listening line. */
function start(args: string[]): { child: ChildProcess; url: Promise<string>; output: () => string } {
  const child = spawn(process.execPath, [EMULATOR, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('the emulator as a program (dist/emulator.js)', () => {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null) {
        child.kill();
        await once(child, 'exit');
      }
    }
  });

  it('prints its URL on a free port and serves RenderUiTemplate to the SDK', async () => {
    const { child, url } = start(['--port', '0']);
    children.push(child);
    const endpoint = await url;
    const client = new SageMakerClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' }, maxAttempts: 1 });
    const result = await client.send(
      new RenderUiTemplateCommand({ UiTemplate: { Content: '<b>{{ task.input.x }}</b>' }, Task: { Input: '{"x":"<i>"}' }, RoleArn: ROLE }),
    );
    assert.equal(result.RenderedContent, '<b>&lt;i&gt;</b>');
  });

  it('injects the fault given on the command line', async () => {
    const { child, url } = start(['--port', '0', '--fault', 'throttling', '--region', 'eu-central-1']);
    children.push(child);
    const client = new SageMakerClient({
      region: 'eu-central-1',
      endpoint: await url,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const error = await client.send(new RenderUiTemplateCommand({ UiTemplate: { Content: 'x' }, Task: { Input: '{}' }, RoleArn: ROLE })).catch((e: Error) => e);
    assert.equal((error as Error).name, 'ThrottlingException');
  });

  it('exits 2 with a clear message on a bad option', async () => {
    const { child, url, output } = start(['--fault', 'earthquake']);
    children.push(child);
    await assert.rejects(url);
    assert.equal(child.exitCode, 2);
    assert.match(output(), /--fault must be one of throttling, .*got 'earthquake'/);
  });
});
