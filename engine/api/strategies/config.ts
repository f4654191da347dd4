import { deepEqual } from "../../util/json";
import type { FieldError } from "../errors";
import type { ResourceStrategy } from "../resource";
import { forbidden, invalid, Path, required, tooLong } from "../validation/field";
import { base64Problem, cannotBeHandled, isObject, type Json } from "./util";

/**
 * ConfigMaps and Secrets (pkg/apis/core/v1/{defaults,conversion}.go, pkg/apis/core/validation, v1.33):
 * key rules, the 1 MiB limit, type-specific required keys, `immutable`, and stringData folded
 * into data as the v1 conversion does.
 */

const MAX_SIZE = 1024 * 1024;
const CONFIG_KEY_MESSAGE = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

function configKeyProblems(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) errs.push(CONFIG_KEY_MESSAGE);
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

function validateKeys(map: Record<string, unknown> | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  for (const key of Object.keys(map ?? {})) for (const m of configKeyProblems(key)) errs.push(invalid(path.key(key), key, m));
  return errs;
}

function immutableErrors(obj: Json, old: Json, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  for (const f of fields) {
    if (!deepEqual(obj[f], old[f])) errs.push(forbidden(Path.root(f), "field is immutable when `immutable` is set"));
  }
  if (obj.immutable !== true) errs.push(forbidden(Path.root("immutable"), "field is immutable when `immutable` is set"));
  return errs;
}

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

export const configMapStrategy: ResourceStrategy = {
  validate(obj) {
    const o = obj as unknown as Json;
    const data = (isObject(o.data) ? o.data : {}) as Record<string, string>;
    const binary = (isObject(o.binaryData) ? o.binaryData : {}) as Record<string, string>;
    const errs = [...validateKeys(data, Path.root("data")), ...validateKeys(binary, Path.root("binaryData"))];
    for (const key of Object.keys(binary)) if (key in data) errs.push(invalid(Path.root("data").key(key), key, "duplicate of key present in binaryData"));
    let total = 0;
    for (const v of Object.values(data)) total += byteLength(String(v));
    for (const v of Object.values(binary)) total += Buffer.from(String(v), "base64").length;
    if (total > MAX_SIZE) errs.push(tooLong(Path.root(""), MAX_SIZE));
    return errs;
  },
  validateUpdate(obj, old) {
    return [...configMapStrategy.validate!(obj, undefined as never), ...immutableErrors(obj as unknown as Json, old as unknown as Json, ["data", "binaryData"])];
  },
};

function secretTypeErrors(o: Json): FieldError[] {
  const data = (isObject(o.data) ? o.data : {}) as Record<string, string>;
  const errs: FieldError[] = [];
  const need = (key: string) => {
    if (!(key in data)) errs.push(required(Path.root("data").key(key)));
  };
  switch (o.type) {
    case "kubernetes.io/service-account-token": {
      const annotations = ((o.metadata as Json).annotations ?? {}) as Record<string, string>;
      if (!annotations["kubernetes.io/service-account.name"]) errs.push(required(Path.root("metadata", "annotations").key("kubernetes.io/service-account.name")));
      break;
    }
    case "kubernetes.io/dockercfg":
      need(".dockercfg");
      break;
    case "kubernetes.io/dockerconfigjson":
      need(".dockerconfigjson");
      if (".dockerconfigjson" in data) {
        try {
          JSON.parse(Buffer.from(data[".dockerconfigjson"], "base64").toString("utf8"));
        } catch (e) {
          errs.push(invalid(Path.root("data").key(".dockerconfigjson"), "<secret contents redacted>", (e as Error).message));
        }
      }
      break;
    case "kubernetes.io/basic-auth":
      if (!("username" in data) && !("password" in data)) {
        errs.push(required(Path.root("data").key("username")), required(Path.root("data").key("password")));
      }
      break;
    case "kubernetes.io/ssh-auth":
      need("ssh-privatekey");
      break;
    case "kubernetes.io/tls":
      need("tls.crt");
      need("tls.key");
      break;
  }
  return errs;
}

export const secretStrategy: ResourceStrategy = {
  defaults(obj) {
    const o = obj as unknown as Json;
    if (!o.type) o.type = "Opaque";
    // The v1 conversion folds stringData into data (stringData wins) and drops it.
    if (isObject(o.stringData)) {
      const data = (isObject(o.data) ? o.data : {}) as Record<string, string>;
      for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v), "utf8").toString("base64");
      o.data = data;
      delete o.stringData;
    }
    for (const value of Object.values((isObject(o.data) ? o.data : {}) as Record<string, unknown>)) {
      const problem = typeof value === "string" ? base64Problem(value) : "json: cannot unmarshal into []byte";
      if (problem) throw cannotBeHandled(obj, problem);
    }
  },
  validate(obj) {
    const o = obj as unknown as Json;
    const data = (isObject(o.data) ? o.data : {}) as Record<string, string>;
    const errs = validateKeys(data, Path.root("data"));
    let total = 0;
    for (const v of Object.values(data)) total += Buffer.from(String(v), "base64").length;
    if (total > MAX_SIZE) errs.push(tooLong(Path.root("data"), MAX_SIZE));
    errs.push(...secretTypeErrors(o));
    return errs;
  },
  validateUpdate(obj, old) {
    const o = obj as unknown as Json;
    const p = old as unknown as Json;
    const errs = secretStrategy.validate!(obj, undefined as never);
    if (o.type !== p.type) errs.push(invalid(Path.root("type"), o.type, "field is immutable"));
    return [...errs, ...immutableErrors(o, p, ["data"])];
  },
};

/** ServiceAccounts carry no defaults of their own. */
export const serviceAccountStrategy: ResourceStrategy = {};
