// Reads a JSON array of Markdown strings on stdin, writes a JSON array of the HTML marked renders for
// them (GFM, marked's defaults, as most websites call it), in order. One process renders a whole batch.
import { marked } from 'marked';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const html = JSON.parse(input).map(markdown => marked.parse(markdown));
process.stdout.write(JSON.stringify(html));
