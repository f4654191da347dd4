import { expect, it } from "vitest";
import { runScript } from "../script";
import { freshEnvironment } from "./helpers";

it("a script that ends inside kubectl run -i --rm's shell: the shell reads end of input and exits, and the pod is deleted", async () => {
  const env = freshEnvironment();
  const result = await runScript(env, { script: "kubectl run tmp -i --rm --restart=Never --image=busybox -- sh\nhostname\n" });
  expect(result.stdout).toBe('tmp\npod "tmp" deleted\n');
  expect(result.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
  const after = await runScript(env, { script: "kubectl get pod tmp" });
  expect(after.stderr).toBe('Error from server (NotFound): pods "tmp" not found\n');
}, 60_000);
