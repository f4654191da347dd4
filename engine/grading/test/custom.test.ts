import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCertificate, signingKey } from "../../controlplane/pki/sign";
import { writePackages } from "../../nodetools/apt/dpkg";
import { gradeChecks } from "../grader";
import { check, freshContext } from "./helpers";

describe("custom checks", () => {
  it("installed-version reads the version kubeadm reports from its package", async () => {
    const ctx = freshContext();
    writePackages(ctx.env.hosts.get("node01")!.fs, [{ name: "kubeadm", version: "1.32.6-1.1", held: true, fields: {} }]);
    writePackages(ctx.env.hosts.get("controlplane")!.fs, [{ name: "kubeadm", version: "1.33.2-1.1", held: false, fields: {} }]);
    const upgraded = (host: string) => check({ id: host, type: "custom", check: "installed-version", params: { host, binary: "kubeadm", version: "v1.33.2" } });
    const grade = await gradeChecks([upgraded("node01"), upgraded("controlplane")], ctx);
    expect(grade.checks.map((c) => c.passed)).toEqual([false, true]);
    expect(grade.checks[0].reason).toBe("kubeadm on node01 is v1.32.6; expected v1.33.2");
  });

  it("certificate-subject matches the subject line openssl prints", async () => {
    const ctx = freshContext();
    const fs = ctx.env.hosts.get("controlplane")!.fs;
    const key = signingKey(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    const cert = signCertificate(
      { commonName: "maria", organizations: ["auditors"], usage: "client", notBefore: new Date(Date.UTC(2026, 0, 1)), notAfter: new Date(Date.UTC(2027, 0, 1)), serialSeed: "maria" },
      key,
    );
    fs.writeFileSync("/root/maria.crt", cert.pem, { createParents: true });
    fs.writeFileSync("/root/garbage.crt", "not a certificate\n", { createParents: true });
    const subject = (id: string, path: string, patterns: string[]) => check({ id, type: "custom", check: "certificate-subject", params: { host: "controlplane", path, subject: patterns } });
    const grade = await gradeChecks(
      [
        subject("ok", "/root/maria.crt", ["CN *= *maria", "O *= *auditors"]),
        subject("wrong-group", "/root/maria.crt", ["CN *= *maria", "O *= *admins"]),
        subject("garbage", "/root/garbage.crt", ["CN *= *maria"]),
        subject("missing", "/root/none.crt", ["CN *= *maria"]),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, false, false, false]);
    expect(grade.checks[1].reason).toBe("the subject of /root/maria.crt on controlplane (subject=O = auditors, CN = maria) does not match /O *= *admins/");
    expect(grade.checks[2].reason).toBe("/root/garbage.crt on controlplane is not a certificate openssl can read");
    expect(grade.checks[3].reason).toBe("/root/none.crt on controlplane does not exist");
  });
});
