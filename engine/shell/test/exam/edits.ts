import type { EditHandler } from "../../terminal";

/**
 * The learner's side of the editor protocol in exam transcripts (`#! edit=NAME`): what they change
 * in the overlay before `:wq`. Each handler edits the content it is given, as a person would.
 */
export const EDITS: Record<string, EditHandler> = {
  /** Raises the scheduler's log verbosity in its static-pod manifest. */
  "scheduler-verbosity": async ({ content }) => content.replace("    - --leader-elect=true\n", "    - --leader-elect=true\n    - --v=3\n"),
};
