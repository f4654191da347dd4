import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { formatName } from "../../tools/openssl/text";
import { fail, pass } from "../checks/outcome";
import { hostOf } from "../context";
import { registerCustomCheck, stringParam } from "./registry";

function patternsParam(params: Record<string, unknown>, name: string): string[] {
  const value = params[name];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "string" && v !== "")) {
    throw new Error(`custom check parameter "${name}" must be a list of regular expressions`);
  }
  return value as string[];
}

/**
 * A certificate file's subject, as `openssl x509 -in FILE -noout -subject` prints it
 * (`subject=O = auditors, CN = maria`), matches every pattern — the same line a `grep` on openssl's
 * output would test, read without a shell.
 */
registerCustomCheck("certificate-subject", {
  summary: "params: host, path, subject (regular expressions the openssl -subject line must all match)",
  run(ctx, params) {
    const hostName = stringParam(params, "host");
    const path = stringParam(params, "path");
    const patterns = patternsParam(params, "subject");
    const host = hostOf(ctx, hostName);
    const where = `${path} on ${hostName}`;
    if (!host.fs.isFileSync(path)) return fail(`${where} does not exist`);
    let line: string;
    try {
      line = `subject=${formatName(new x509.X509Certificate(host.fs.readFileSync(path) ?? "").subject)}`;
    } catch {
      return fail(`${where} is not a certificate openssl can read`);
    }
    const missing = patterns.find((p) => !new RegExp(p).test(line));
    return missing === undefined ? pass : fail(`the subject of ${where} (${line}) does not match /${missing}/`);
  },
});
