// @peculiar/x509 resolves its crypto provider through tsyringe, which needs the Reflect metadata polyfill first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { Program, ProgramContext } from "../../process/types";
import { cryptoKeys, newRsaKey, pkcs8Pem, readPrivateKey, RSA_SHA256 } from "./keys";
import { certificateText, colonHex, formatExtension, formatName, formatTime, requestText } from "./text";
import { createHash, createPublicKey } from "node:crypto";
import { fsOf, OpenSslError, readFile } from "./io";
import { verify } from "./verify";

/**
 * OpenSSL 3.0.2 (Ubuntu 22.04) for what a CKA candidate does with it: keys (genrsa, genpkey, rsa),
 * certificate requests (req -new -subj, req -x509 for a CA), signing with a CA (x509 -req -CA
 * -CAkey -CAcreateserial -days) and inspecting certificates (x509 -noout -text/-subject/-issuer/
 * -dates/-enddate/-serial/-fingerprint/-checkend), checking a chain (verify, in verify.ts), plus `rand`,
 * `dgst` and `version`.
 */
const VERSION = "OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)";
const FLAGS = new Set(["-noout", "-text", "-new", "-x509", "-nodes", "-noenc", "-subject", "-issuer", "-dates", "-enddate", "-startdate", "-serial", "-fingerprint", "-pubkey", "-modulus", "-CAcreateserial", "-sha256", "-sha1", "-check", "-pubout", "-hex", "-base64", "-verify", "-batch", "-quiet", "-req", "-purpose", "-pubin", "-binary", "-r", "-c", "-md5", "-sha224", "-sha384", "-sha512"]);

type Options = { flags: Set<string>; order: string[]; values: Map<string, string[]>; positional: string[] };

function parse(args: string[]): Options {
  const o: Options = { flags: new Set(), order: [], values: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--/, "-");
    if (FLAGS.has(a)) {
      o.flags.add(a);
      o.order.push(a);
    }
    else if (a.startsWith("-") && a.length > 1) {
      o.values.set(a, [...(o.values.get(a) ?? []), args[++i] ?? ""]);
      // x509 prints -ext's extensions where it was asked, among -subject, -dates and the like.
      if (a === "-ext") o.order.push(a);
    }
    else o.positional.push(args[i]);
  }
  return o;
}

const value = (o: Options, name: string) => o.values.get(name)?.at(-1);

async function writeFile(ctx: ProgramContext, path: string | undefined, content: string): Promise<void> {
  if (!path) return ctx.stdout(content);
  const fs = fsOf(ctx);
  try {
    await fs.writeFile(fs.resolvePath(ctx.cwd, path), content);
  } catch (err) {
    const reason = (err as { code?: string }).code === "EACCES" ? "Permission denied" : "No such file or directory";
    throw new OpenSslError(`Could not open file or uri for writing ${path}\n40F7E1C4E87F0000:error:80000002:system library:BIO_new_file:${reason}:../crypto/bio/bss_file.c:67:calling fopen(${path}, w)\n`);
  }
}

/** OpenSSL prints '.' and '+' while it searches for primes; a fixed pattern keeps output stable. */
function keygenProgress(ctx: ProgramContext): void {
  const r = ctx.environment.random;
  const part = () => ".".repeat(1 + (r.nextUint32() % 9)) + "+";
  ctx.stderr(`${Array.from({ length: 6 }, part).join("")}++++++++++++++++++++++++++++++*${Array.from({ length: 4 }, part).join("")}++++++++++++++++++++++++++++++*\n`);
}

/** `/CN=jane/O=dev` → `CN=jane, O=dev` (x509 Name syntax). */
function subjectFromSlashes(subj: string): string {
  const parts = subj.split(/(?<!\\)\//).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !p.includes("="))) throw new OpenSslError(`subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'\n`);
  return parts.map((p) => p.replace(/\\\//g, "/").replace(/,/g, "\\,")).join(", ");
}

async function loadKey(ctx: ProgramContext, path: string) {
  const pem = await readFile(ctx, path, "private key");
  try {
    return readPrivateKey(pem);
  } catch {
    throw new OpenSslError(`Could not read private key from ${path}\n`);
  }
}

function days(o: Options, fallback: number): number {
  const d = Number(value(o, "-days") ?? fallback);
  if (!Number.isFinite(d)) throw new OpenSslError(`x509: Invalid number "${value(o, "-days")}" for option -days\n`);
  return d;
}

function newSerial(ctx: ProgramContext): string {
  const r = ctx.environment.random;
  const hex = Array.from({ length: 5 }, () => r.nextUint32().toString(16).padStart(8, "0")).join("");
  return `${(parseInt(hex[0], 16) & 0x7).toString(16)}${hex.slice(1)}`;
}

async function genrsa(ctx: ProgramContext, o: Options): Promise<number> {
  const bits = Number(o.positional[0] ?? 2048);
  if (!Number.isInteger(bits) || bits < 512 || bits > 16384) throw new OpenSslError(`genrsa: Invalid number "${o.positional[0]}" for option numbits\n`);
  keygenProgress(ctx);
  await writeFile(ctx, value(o, "-out"), pkcs8Pem(newRsaKey(bits)));
  return 0;
}

async function genpkey(ctx: ProgramContext, o: Options): Promise<number> {
  const algorithm = value(o, "-algorithm")?.toUpperCase();
  if (algorithm !== "RSA" && algorithm !== "RSA-PSS") throw new OpenSslError(`genpkey: ${algorithm ? `Algorithm ${value(o, "-algorithm")} not found` : "no keytype specified"}\n`);
  const bitsOpt = (o.values.get("-pkeyopt") ?? []).find((p) => p.startsWith("rsa_keygen_bits:"));
  keygenProgress(ctx);
  await writeFile(ctx, value(o, "-out"), pkcs8Pem(newRsaKey(bitsOpt ? Number(bitsOpt.split(":")[1]) : 2048)));
  return 0;
}

async function req(ctx: ProgramContext, o: Options): Promise<number> {
  if (o.flags.has("-new") || o.flags.has("-x509") || o.values.has("-newkey")) {
    let key;
    if (value(o, "-key")) key = await loadKey(ctx, value(o, "-key")!);
    else {
      const spec = value(o, "-newkey") ?? "rsa:2048";
      const bits = Number(/^rsa:(\d+)$/.exec(spec)?.[1]);
      if (!bits) throw new OpenSslError(`req: Unknown algorithm ${spec}\n`);
      keygenProgress(ctx);
      key = newRsaKey(bits);
      ctx.stderr("-----\n");
      await writeFile(ctx, value(o, "-keyout") ?? "privkey.pem", pkcs8Pem(key));
    }
    const subj = value(o, "-subj");
    if (subj === undefined) {
      ctx.stderr("You are about to be asked to enter information that will be incorporated\ninto your certificate request.\nWhat you are about to enter is what is called a Distinguished Name or a DN.\nThere are quite a few fields but you can leave some blank\nFor some fields there will be a default value,\nIf you enter '.', the field will be left blank.\n-----\nCountry Name (2 letter code) [AU]:");
      throw new OpenSslError("\nreq: the input ended before the subject was entered (pass -subj \"/CN=…\")\n");
    }
    const name = subjectFromSlashes(subj);
    const keys = await cryptoKeys(key);
    if (o.flags.has("-x509")) {
      const notBefore = new Date(ctx.environment.clock.now());
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: newSerial(ctx),
        name,
        notBefore,
        notAfter: new Date(notBefore.getTime() + days(o, 30) * 86_400_000),
        signingAlgorithm: RSA_SHA256,
        keys,
        extensions: [await x509.SubjectKeyIdentifierExtension.create(keys.publicKey), await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey), new x509.BasicConstraintsExtension(true, undefined, true)],
      });
      await writeFile(ctx, value(o, "-out"), cert.toString("pem") + "\n");
      return 0;
    }
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name, keys, signingAlgorithm: RSA_SHA256 });
    await writeFile(ctx, value(o, "-out"), csr.toString("pem") + "\n");
    return 0;
  }
  const input = value(o, "-in");
  const text = input ? await readFile(ctx, input, "certificate request") : ctx.stdin;
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(text);
  } catch {
    throw new OpenSslError("Unable to load X509 request\n");
  }
  if (o.flags.has("-text")) ctx.stdout(requestText(csr));
  if (o.flags.has("-subject")) ctx.stdout(`subject=${formatName(csr.subject)}\n`);
  if (o.flags.has("-verify")) ctx.stderr(`Certificate request self-signature ${(await csr.verify()) ? "verify OK" : "verify failure"}\n`);
  if (!o.flags.has("-noout")) ctx.stdout(csr.toString("pem") + "\n");
  return 0;
}

async function signRequest(ctx: ProgramContext, o: Options): Promise<number> {
  const csrText = value(o, "-in") ? await readFile(ctx, value(o, "-in")!, "certificate request") : ctx.stdin;
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(csrText);
  } catch {
    throw new OpenSslError("Could not read certificate request from " + (value(o, "-in") ?? "<stdin>") + "\n");
  }
  if (!(await csr.verify())) throw new OpenSslError("Certificate request self-signature did not match the contents\n");
  const notBefore = new Date(ctx.environment.clock.now());
  const notAfter = new Date(notBefore.getTime() + days(o, 30) * 86_400_000);
  let issuer = csr.subject;
  let signingKey = (await cryptoKeys(await loadKey(ctx, value(o, "-signkey") ?? value(o, "-key") ?? value(o, "-CAkey") ?? ""))).privateKey;
  let serial = value(o, "-set_serial")?.replace(/^0x/i, "");
  const caPath = value(o, "-CA");
  let authority: CryptoKey | undefined;
  if (caPath) {
    const ca = new x509.X509Certificate(await readFile(ctx, caPath, "CA certificate"));
    const caKey = await cryptoKeys(await loadKey(ctx, value(o, "-CAkey") ?? caPath));
    signingKey = caKey.privateKey;
    authority = caKey.publicKey;
    issuer = ca.subject;
    const srlPath = value(o, "-CAserial") ?? caPath.replace(/\.[^./]*$/, "") + ".srl";
    if (!serial) {
      const fs = fsOf(ctx);
      let previous: string | undefined;
      try {
        previous = (await fs.readFile(fs.resolvePath(ctx.cwd, srlPath))).trim();
      } catch {
        if (!o.flags.has("-CAcreateserial")) throw new OpenSslError(`${srlPath}: No such file or directory\n`);
      }
      serial = previous ? (BigInt(`0x${previous}`) + 1n).toString(16).toUpperCase() : newSerial(ctx).toUpperCase();
      await writeFile(ctx, srlPath, `${serial.padStart(serial.length + (serial.length % 2), "0")}\n`);
    }
  }
  const extensions: x509.Extension[] = [...csr.extensions.filter((e) => !(e instanceof x509.BasicConstraintsExtension))];
  if (authority) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(authority));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(csr.publicKey));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial ?? newSerial(ctx),
    subject: csr.subject,
    issuer,
    notBefore,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    publicKey: csr.publicKey,
    signingKey,
    extensions,
  });
  ctx.stderr(`Certificate request self-signature ok\nsubject=${formatName(csr.subject)}\n`);
  await writeFile(ctx, value(o, "-out"), cert.toString("pem") + "\n");
  return 0;
}

/** The names -ext takes, by extension OID. */
const EXTENSION_NAMES: Record<string, string> = {
  "2.5.29.17": "subjectAltName", "2.5.29.15": "keyUsage", "2.5.29.37": "extendedKeyUsage", "2.5.29.19": "basicConstraints",
  "2.5.29.14": "subjectKeyIdentifier", "2.5.29.35": "authorityKeyIdentifier",
};

/** `-ext a,b`: the named extensions in the certificate's order, as -text shows them but not indented. */
function requestedExtensions(cert: x509.X509Certificate, list: string): string[] {
  const wanted = new Set(list.split(",").map((n) => n.trim()));
  if (cert.extensions.length === 0) return ["No extensions in certificate"];
  return cert.extensions.filter((ext) => wanted.has(EXTENSION_NAMES[ext.type] ?? "")).flatMap((ext) => formatExtension(ext).map((line) => line.slice(12)));
}

async function x509Command(ctx: ProgramContext, o: Options): Promise<number> {
  if (o.flags.has("-req")) return signRequest(ctx, o);
  const input = value(o, "-in");
  const text = input ? await readFile(ctx, input, "certificate") : ctx.stdin;
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(text);
  } catch {
    throw new OpenSslError(`Could not read certificate from ${input ?? "<stdin>"}\nUnable to load certificate\n`);
  }
  // OpenSSL prints what was asked in the order it was asked.
  const out: string[] = [];
  for (const flag of o.order) {
    if (flag === "-serial") out.push(`serial=${cert.serialNumber.toUpperCase()}`);
    else if (flag === "-subject") out.push(`subject=${formatName(cert.subject)}`);
    else if (flag === "-issuer") out.push(`issuer=${formatName(cert.issuer)}`);
    else if (flag === "-dates" || flag === "-startdate") out.push(`notBefore=${formatTime(cert.notBefore)}`);
    if (flag === "-dates" || flag === "-enddate") out.push(`notAfter=${formatTime(cert.notAfter)}`);
    else if (flag === "-fingerprint") {
      const sha256 = o.flags.has("-sha256");
      const digest = createHash(sha256 ? "sha256" : "sha1").update(Buffer.from(cert.rawData)).digest();
      out.push(`${sha256 ? "sha256" : "SHA1"} Fingerprint=${colonHex(digest)}`);
    } else if (flag === "-ext") out.push(...requestedExtensions(cert, value(o, "-ext") ?? ""));
    else if (flag === "-pubkey") out.push(createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: "der", type: "spki" }).export({ type: "spki", format: "pem" }).toString().trimEnd());
  }
  if (out.length) ctx.stdout(`${out.join("\n")}\n`);
  if (o.flags.has("-text")) ctx.stdout(certificateText(cert));
  const checkend = value(o, "-checkend");
  if (checkend !== undefined) {
    const expires = cert.notAfter.getTime() <= ctx.environment.clock.now() + Number(checkend) * 1000;
    ctx.stdout(expires ? "Certificate will expire\n" : "Certificate will not expire\n");
    return expires ? 1 : 0;
  }
  if (!o.flags.has("-noout")) await writeFile(ctx, value(o, "-out"), cert.toString("pem") + "\n");
  return 0;
}

/** Input of a command without -in: stdin, as the bytes that came. */
function stdinBuffer(ctx: ProgramContext): Buffer {
  return ctx.stdinBytes ? Buffer.from(ctx.stdinBytes()) : Buffer.from(ctx.stdin);
}

/** Output that may be binary (-outform der, -binary, rand): raw bytes to stdout or the -out file. */
async function writeBytes(ctx: ProgramContext, path: string | undefined, bytes: Uint8Array): Promise<void> {
  if (path) {
    const fs = fsOf(ctx);
    await fs.writeFile(fs.resolvePath(ctx.cwd, path), bytes as unknown as string);
    return;
  }
  if (ctx.stdoutBytes) ctx.stdoutBytes(bytes);
  else ctx.stdout(Buffer.from(bytes).toString("latin1"));
}

/**
 * `openssl rsa|pkey -pubin`: reads a public key (the first PUBLIC KEY block, so the output of
 * `openssl x509 -pubkey` works as it is) and writes it as PEM or, with -outform der, as DER
 * SubjectPublicKeyInfo — what kubeadm's discovery-token-ca-cert-hash is the SHA-256 of.
 */
async function publicKeyCommand(ctx: ProgramContext, o: Options, command: "rsa" | "pkey"): Promise<number> {
  const path = value(o, "-in");
  const text = path ? await readFile(ctx, path, "public key") : stdinBuffer(ctx).toString("latin1");
  const block = /-----BEGIN (?:RSA )?PUBLIC KEY-----[\s\S]*?-----END (?:RSA )?PUBLIC KEY-----/.exec(text)?.[0];
  if (!block) throw new OpenSslError(`Could not read public key from ${path ?? "<stdin>"}\n`);
  const key = createPublicKey(block);
  if (o.flags.has("-noout")) return 0;
  if (command === "rsa") ctx.stderr("writing RSA key\n");
  if ((value(o, "-outform") ?? "PEM").toUpperCase() === "DER") await writeBytes(ctx, value(o, "-out"), key.export({ type: "spki", format: "der" }));
  else await writeFile(ctx, value(o, "-out"), key.export({ type: "spki", format: "pem" }).toString());
  return 0;
}

const DIGESTS: Record<string, [algorithm: string, label: string]> = {
  "-md5": ["md5", "MD5"],
  "-sha1": ["sha1", "SHA1"],
  "-sha224": ["sha224", "SHA2-224"],
  "-sha256": ["sha256", "SHA2-256"],
  "-sha384": ["sha384", "SHA2-384"],
  "-sha512": ["sha512", "SHA2-512"],
};

/** OpenSSL 3.0's `dgst`: `SHA2-256(stdin)= <hex>` per input, `-r` for coreutils' layout, `-binary`. */
async function dgst(ctx: ProgramContext, o: Options): Promise<number> {
  const chosen = [...o.order, ...o.flags].find((f) => f in DIGESTS);
  // Without a digest option OpenSSL 3.0 uses SHA-256 and labels it the old way.
  const [algorithm, label] = chosen ? DIGESTS[chosen] : ["sha256", "SHA256"];
  const inputs: { name: string; data: Buffer }[] = [];
  if (o.positional.length === 0) inputs.push({ name: "stdin", data: stdinBuffer(ctx) });
  for (const file of o.positional) {
    const fs = fsOf(ctx);
    try {
      inputs.push({ name: file, data: Buffer.from(await fs.readFileBuffer(fs.resolvePath(ctx.cwd, file))) });
    } catch {
      ctx.stderr(`${file}: No such file or directory\n40F7E1C4E87F0000:error:80000002:system library:file_ctrl:No such file or directory:../crypto/bio/bss_file.c:297:calling fopen(${file}, r)\n40F7E1C4E87F0000:error:10080002:BIO routines:file_ctrl:system lib:../crypto/bio/bss_file.c:300:\n`);
      return 1;
    }
  }
  for (const input of inputs) {
    const digest = createHash(algorithm).update(input.data).digest();
    if (o.flags.has("-binary")) await writeBytes(ctx, value(o, "-out"), digest);
    else {
      const hex = o.flags.has("-c") ? colonHex(digest).toLowerCase() : digest.toString("hex");
      const line = o.flags.has("-r") ? `${hex} *${input.name}\n` : `${label}(${input.name})= ${hex}\n`;
      await writeFile(ctx, value(o, "-out"), line);
    }
  }
  return 0;
}

async function rsa(ctx: ProgramContext, o: Options, command: "rsa" | "pkey"): Promise<number> {
  if (o.flags.has("-pubin")) return publicKeyCommand(ctx, o, command);
  const key = await loadKey(ctx, value(o, "-in") ?? "");
  if (o.flags.has("-check")) ctx.stdout("RSA key ok\n");
  if (o.flags.has("-pubout")) {
    ctx.stderr("writing RSA key\n");
    await writeFile(ctx, value(o, "-out"), createPublicKey(key).export({ type: "spki", format: "pem" }).toString());
    return 0;
  }
  if (!o.flags.has("-noout")) {
    ctx.stderr("writing RSA key\n");
    await writeFile(ctx, value(o, "-out"), pkcs8Pem(key));
  }
  return 0;
}

async function rand(ctx: ProgramContext, o: Options): Promise<number> {
  const n = Number(o.positional[0]);
  if (!Number.isInteger(n) || n < 0) throw new OpenSslError(`rand: Invalid number "${o.positional[0] ?? ""}" for option num\n`);
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = ctx.environment.random.nextUint32() & 0xff;
  if (o.flags.has("-hex")) await writeFile(ctx, value(o, "-out"), `${bytes.toString("hex")}\n`);
  else if (o.flags.has("-base64")) await writeFile(ctx, value(o, "-out"), `${(bytes.toString("base64").match(/.{1,64}/g) ?? [""]).join("\n")}\n`);
  else await writeBytes(ctx, value(o, "-out"), bytes);
  return 0;
}

export const openssl: Program = async (ctx) => {
  const [command, ...rest] = ctx.args;
  const o = parse(rest);
  try {
    switch (command) {
      case undefined:
      case "help":
        ctx.stdout("help:\n\nStandard commands\nasn1parse         ca                ciphers           cmp\ncms               crl               crl2pkcs7         dgst\ndhparam           dsa               dsaparam          ec\necparam           enc               engine            errstr\nfipsinstall       gendsa            genpkey           genrsa\nhelp              info              kdf               list\nmac               nseq              ocsp              passwd\npkcs12            pkcs7             pkcs8             pkey\npkeyparam         pkeyutl           prime             rand\nrehash            req               rsa               rsautl\ns_client          s_server          s_time            sess_id\nsmime             speed             spkac             srp\nstoreutl          ts                verify            version\nx509\n");
        return 0;
      case "version":
        ctx.stdout(`${VERSION}\n`);
        return 0;
      case "genrsa":
        return await genrsa(ctx, o);
      case "genpkey":
        return await genpkey(ctx, o);
      case "req":
        return await req(ctx, o);
      case "x509":
        return await x509Command(ctx, o);
      case "rsa":
      case "pkey":
        return await rsa(ctx, o, command);
      case "rand":
        return await rand(ctx, o);
      case "dgst":
        return await dgst(ctx, o);
      case "verify":
        return await verify(ctx, rest);
      default:
        ctx.stderr(`Invalid command '${command}'; type "help" for a list.\n`);
        return 1;
    }
  } catch (err) {
    if (err instanceof OpenSslError) {
      ctx.stderr(err.message);
      return 1;
    }
    throw err;
  }
};
