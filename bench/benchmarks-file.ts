import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = `# Benchmarks

Figures measured by \`npm run bench\` on the machine each section names. To repeat them:
\`npm install\`, \`apt-get install -y wrk\` for the load generator, then \`npm run bench\`
(\`npm run bench -- --only ingest\` for one part, \`--duration N\` for N seconds per
measurement). Each part rewrites only its own section, between its markers. These are
measurements, not tests: CI runs \`npm run bench -- --smoke\`, which writes nothing here and
judges no speed.
`;

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/**
 * Puts `body` between the part's markers, replacing what was there and leaving every other
 * part's section alone; appends the section the first time.
 */
export function writeSection(file: string, name: string, body: string): void {
  const [start, end] = markers(name);
  const section = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
