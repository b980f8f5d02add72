import * as assert from 'node:assert/strict';
import { SCRIPT, hoverText, open, writeFile } from './helpers';

describe('hover', () => {
  it('explains s3_presign, including the workteam setting that restricts its URLs', async () => {
    const { document, cursor } = await open('hover.liquid.html', `${SCRIPT}<img src="{{ task.input.taskObject | s3_pre█sign }}">\n`);
    const text = await hoverText(document, cursor);
    assert.match(text, /\*\*s3_presign\*\*/);
    assert.match(text, /IamPolicyConstraints/);
    assert.match(text, /gateway endpoint/);
  });

  it('explains grant_read_access and the role it needs', async () => {
    const { document, cursor } = await open('hover-grant.liquid.html', `${SCRIPT}<img src="{{ task.input.taskObject | grant_read█_access }}">\n`);
    const text = await hoverText(document, cursor);
    assert.match(text, /\*\*grant_read_access\*\*/);
    assert.match(text, /s3:GetObject/);
  });

  it('shows the sample value of a task.input path', async () => {
    await writeFile('valued.input.json', JSON.stringify({ taskObject: 's3://my-bucket/street.jpg' }));
    const { document, cursor } = await open('valued.liquid.html', `${SCRIPT}<img src="{{ task.input.task█Object | s3_presign }}">\n`);
    const text = await hoverText(document, cursor);
    assert.match(text, /valued\.input\.json/);
    assert.match(text, /s3:\/\/my-bucket\/street\.jpg/);
  });
});
