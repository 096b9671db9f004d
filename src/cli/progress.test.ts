import { describe, expect, it } from "vitest";
import { capture } from "../../cli-tests/support/terminal.ts";
import { createProgress } from "./progress.js";

describe("a bulk run's progress", () => {
  it("prints one numbered line per bulk row when stderr is not a terminal, with notes between", () => {
    const { terminal, written } = capture();
    const progress = createProgress(terminal, 12, false);
    progress.rowDone(2, true, "ok");
    progress.note("a note");
    progress.rowDone(3, false, "failed: Row-Pw-123", ["Row-Pw-123"]);
    progress.stop();
    expect(written.stderr).toBe("[ 1/12] line 2: ok\na note\n[ 2/12] line 3: failed: [REDACTED]\n");
  });
});
