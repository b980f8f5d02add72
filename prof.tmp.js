const { generateTemplate } = require('/work/main/out/test/helpers/generate.js');
const { createLanguageService } = require('/work/main/out/server/src/service/languageService.js');
const { TextDocument } = require('/work/main/node_modules/vscode-languageserver-textdocument');
const size = Number(process.argv[2]);
const text = generateTemplate(size);
const s = createLanguageService(); s.configure({workspaceFolders:['file:///ws']});
const times=[];
for (let i = 1; i <= 20; i++) {
  const d = TextDocument.create('file:///ws/x.liquid.html','html',i,text + ' '.repeat(i)); s.setDocument(d);
  const t=performance.now(); s.diagnostics(d.uri); times.push(performance.now()-t);
}
console.log(times.map(t=>t.toFixed(0)).join(' '));
