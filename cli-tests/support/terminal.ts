import { Writable } from "node:stream";
import { Terminal } from "../../src/cli/terminal.ts";

/** A Terminal writing into strings instead of the process's stdout and stderr. */
export function capture() {
  const written = { stdout: "", stderr: "" };
  const into = (name: keyof typeof written) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        written[name] += chunk.toString();
        done();
      },
    });
  return { terminal: new Terminal({ stdout: into("stdout"), stderr: into("stderr") }), written };
}
