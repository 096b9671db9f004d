// A PATCH's answer names the user it changed: an answer for another user than the one patched (a
// proxy's mix-up, a server fault) says nothing true about this row. It is not taken as applied: the
// row fails with its outcome unknown — no status, so the journal keeps its request id and a rerun
// re-sends it under that id, as for any row whose outcome is unknown.
import type { ErrorSummary } from "../messages.js";

export function answerIssue(answer: unknown, userId: string | undefined): ErrorSummary | undefined {
  const id = answer !== null && typeof answer === "object" ? (answer as { id?: unknown }).id : undefined;
  if (typeof id === "string" && userId !== undefined && id.toLowerCase() === userId.toLowerCase()) return undefined;
  return {
    description: `the answer is for another user (object id ${typeof id === "string" ? id : "none"}), not ${userId ?? "the one patched"}: it cannot be trusted, so whether this change was applied is unknown — check the user; the same command re-sends it with the same request id`,
  };
}
