import { describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * kubectl config set-credentials / set-cluster as clientcmd writes them, and the configuration
 * checks kubectl makes before a request (the files a context names must be readable).
 */
describe("kubectl config set-credentials and set-cluster", () => {
  it("embeds the files with --embed-certs, and otherwise stores paths as ModifyConfig does", async () => {
    const k = new KubectlBench();
    k.write("/root/jane.crt", "CERT\n");
    k.write("/root/.kube/sub/jane.key", "KEY\n");
    expect((await k.run("config set-credentials jane --client-certificate=jane.crt --client-key=.kube/sub/jane.key")).stdout).toBe('User "jane" set.\n');
    // Outside the kubeconfig's directory: absolute; under it: relative to it.
    expect((await k.run(["config", "view", "-o", "jsonpath={.users[?(@.name==\"jane\")].user}"])).stdout).toBe('{"client-certificate":"/root/jane.crt","client-key":"sub/jane.key"}');
    await k.run("config set-credentials jane --client-certificate=jane.crt --client-key=.kube/sub/jane.key --embed-certs");
    expect((await k.run(["config", "view", "--raw", "-o", "jsonpath={.users[?(@.name==\"jane\")].user}"])).stdout).toBe(
      `{"client-certificate-data":"${Buffer.from("CERT\n").toString("base64")}","client-key-data":"${Buffer.from("KEY\n").toString("base64")}"}`,
    );
  });

  it("refuses what clientcmd's validate refuses", async () => {
    const k = new KubectlBench();
    expect((await k.run("config set-credentials bob --client-certificate=nope.crt --embed-certs")).stderr).toBe(
      "error: could not stat client-certificate file nope.crt: stat nope.crt: no such file or directory\n",
    );
    expect((await k.run("config set-credentials bob --embed-certs")).stderr).toBe("error: you must specify a --client-certificate or --client-key to embed\n");
    expect((await k.run("config set-credentials bob --token=x --username=a")).stderr).toBe(
      "error: you cannot specify more than one authentication method at the same time: --token, --username/--password\n",
    );
    expect((await k.run("config set-cluster k --embed-certs")).stderr).toBe("error: you must specify a --certificate-authority to embed\n");
  });

  it("stops before any request when a context's files cannot be read, with the real layout", async () => {
    const k = new KubectlBench();
    await k.run("config set-credentials jane --client-certificate=/nope/jane.crt --client-key=/nope/jane.key");
    await k.run("config set-context jane --cluster=kubernetes --user=jane");
    const both = await k.run("--context jane get pods");
    expect(both.code).toBe(1);
    expect(both.stderr).toBe(
      "Error in configuration: \n* unable to read client-cert /nope/jane.crt for jane due to open /nope/jane.crt: no such file or directory\n* unable to read client-key /nope/jane.key for jane due to open /nope/jane.key: no such file or directory\n",
    );
    expect((await k.run("--context missing get pods")).stderr).toBe("Error in configuration: context was not found for specified context: missing\n");
  });
});
