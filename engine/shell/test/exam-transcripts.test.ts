import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EDITS } from "./exam/edits";
import { freshEnvironment } from "./helpers";
import { parseTranscript, replayTranscript } from "./transcript";

/**
 * The exam's terminal work as golden transcripts, with every program (kubectl included): the
 * first minute's alias and completion, a heredoc manifest, ssh + sudo -i + a broken kubelet,
 * a static pod edited through the editor protocol (`#! edit=NAME`, exam/edits.ts), etcd backup and
 * restore, a kubeadm upgrade, the API server certificate in openssl, curl against NetworkPolicies.
 */
const dir = new URL("./exam/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));

describe("exam transcripts", () => {
  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(new URL(file, dir), "utf8");
      const edit = parseTranscript(text).options.edit;
      expect(await replayTranscript(freshEnvironment(), text, edit ? { onEdit: EDITS[edit] } : {})).toEqual([]);
    }, 60_000);
  }
});
