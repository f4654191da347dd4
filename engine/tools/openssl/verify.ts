import * as x509 from "@peculiar/x509";
import type { ProgramContext } from "../../process/types";
import { OpenSslError, readFile } from "./io";
import { formatName } from "./text";

/**
 * `openssl verify [-CAfile F] [-untrusted F] [cert…]` (OpenSSL 3.0): builds each certificate's chain
 * from the untrusted intermediates up to a certificate of -CAfile, then checks signatures and
 * validity dates from the top down, printing `cert: OK` or apps/verify.c's callback lines on stderr
 * (the subject, `error N at D depth lookup: …`) and `error cert: verification failed` (exit 2).
 * As verify.c's callback does, an expired certificate or a self-signed leaf is reported and the
 * checks go on; any other error ends them. The clock is the environment's.
 */
const OPTIONS_WITH_VALUE = new Set(["-CAfile", "-untrusted", "-CApath", "-attime", "-purpose"]);

const ERRORS = {
  unableToGetLocalIssuer: [20, "unable to get local issuer certificate"],
  selfSignedLeaf: [18, "self-signed certificate"],
  selfSignedInChain: [19, "self-signed certificate in certificate chain"],
  signatureFailure: [7, "certificate signature failure"],
  notYetValid: [9, "certificate is not yet valid"],
  expired: [10, "certificate has expired"],
} as const;
/** verify.c's callback goes on after these. */
const CONTINUES = new Set<number>([ERRORS.expired[0], ERRORS.selfSignedLeaf[0]]);

type VerifyError = (typeof ERRORS)[keyof typeof ERRORS];

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/** Every certificate of a PEM file (-CAfile and -untrusted may hold several). */
async function loadBundle(ctx: ProgramContext, path: string): Promise<x509.X509Certificate[]> {
  let text: string;
  try {
    text = await readFile(ctx, path, "certificate file");
  } catch {
    throw new OpenSslError(
      `Error loading file ${path}\n40E7685C5D7F0000:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${path}, r)\n40E7685C5D7F0000:error:10000080:BIO routines:BIO_new_file:no such file:../crypto/bio/bss_file.c:75:\n40E7685C5D7F0000:error:05880002:x509 certificate routines:X509_load_cert_crl_file_ex:system lib:../crypto/x509/by_file.c:229:\n`,
    );
  }
  return pemBlocks(text).map((pem) => new x509.X509Certificate(pem));
}

async function signedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  try {
    return await cert.verify({ publicKey: issuer.publicKey, signatureOnly: true });
  } catch {
    return false;
  }
}

async function findIssuer(cert: x509.X509Certificate, pool: x509.X509Certificate[]): Promise<x509.X509Certificate | undefined> {
  for (const candidate of pool) if (candidate.subject === cert.issuer && (await signedBy(cert, candidate))) return candidate;
  return pool.find((candidate) => candidate.subject === cert.issuer);
}

/** The reports for one certificate, in the order OpenSSL makes them; empty when it verifies. */
async function check(cert: x509.X509Certificate, trusted: x509.X509Certificate[], untrusted: x509.X509Certificate[], now: number): Promise<{ cert: x509.X509Certificate; depth: number; error: VerifyError }[]> {
  const reports: { cert: x509.X509Certificate; depth: number; error: VerifyError }[] = [];
  const chain = [cert];
  let anchored = false;
  for (;;) {
    const top = chain[chain.length - 1];
    const trustedIssuer = await findIssuer(top, trusted);
    if (trustedIssuer) {
      if (trustedIssuer.toString() !== top.toString()) chain.push(trustedIssuer);
      anchored = true;
      break;
    }
    const selfSigned = top.subject === top.issuer && (await signedBy(top, top));
    if (selfSigned) {
      const error = chain.length === 1 ? ERRORS.selfSignedLeaf : ERRORS.selfSignedInChain;
      reports.push({ cert: top, depth: chain.length - 1, error });
      if (!CONTINUES.has(error[0])) return reports;
      break;
    }
    const next = chain.length < 10 ? await findIssuer(top, untrusted) : undefined;
    if (!next || chain.includes(next)) {
      reports.push({ cert: top, depth: chain.length - 1, error: ERRORS.unableToGetLocalIssuer });
      return reports;
    }
    chain.push(next);
  }
  // internal_verify: from the anchor down, each certificate's signature, then its dates.
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    const c = chain[depth];
    const issuer = depth === chain.length - 1 ? (anchored ? c : undefined) : chain[depth + 1];
    if (issuer && depth < chain.length - 1 && !(await signedBy(c, issuer))) {
      reports.push({ cert: c, depth, error: ERRORS.signatureFailure });
      return reports;
    }
    if (now < c.notBefore.getTime()) {
      reports.push({ cert: c, depth, error: ERRORS.notYetValid });
      return reports;
    }
    if (now > c.notAfter.getTime()) reports.push({ cert: c, depth, error: ERRORS.expired });
  }
  return reports;
}

export async function verify(ctx: ProgramContext, args: string[]): Promise<number> {
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (OPTIONS_WITH_VALUE.has(a)) values.set(a, args[++i] ?? "");
    else if (a.startsWith("-") && a !== "-") {
      ctx.stderr(`verify: Unknown option: ${a}\nverify: Use -help for summary.\n`);
      return 1;
    } else files.push(a);
  }
  if (values.has("-CApath") || values.has("-attime") || values.has("-purpose")) {
    ctx.stderr("openssl verify: -CApath, -attime and -purpose are not available in Kubecoach yet\n");
    return 1;
  }
  const trusted = values.has("-CAfile") ? await loadBundle(ctx, values.get("-CAfile")!) : [];
  const untrusted = values.has("-untrusted") ? await loadBundle(ctx, values.get("-untrusted")!) : [];
  const now = ctx.environment.clock.now();
  let failed = false;
  for (const file of files.length > 0 ? files : ["-"]) {
    const name = file === "-" ? "stdin" : file;
    let first: string | undefined;
    try {
      first = pemBlocks(file === "-" ? ctx.stdin : await readFile(ctx, file, "certificate file"))[0];
    } catch (err) {
      ctx.stderr(`${(err as Error).message}Unable to load certificate file\n`);
      failed = true;
      continue;
    }
    if (!first) {
      ctx.stderr(`Could not read certificate file from ${name}\nUnable to load certificate file\n`);
      failed = true;
      continue;
    }
    const reports = await check(new x509.X509Certificate(first), trusted, untrusted, now);
    for (const r of reports) ctx.stderr(`${formatName(r.cert.subject)}\nerror ${r.error[0]} at ${r.depth} depth lookup: ${r.error[1]}\n`);
    if (reports.length > 0) {
      ctx.stderr(`error ${name}: verification failed\n`);
      failed = true;
    } else ctx.stdout(`${name}: OK\n`);
  }
  return failed ? 2 : 0;
}
