import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeTarget, resolveDatabaseTarget } from "./config";

describe("DATABASE_URL", () => {
  it("defaults to data/kubecoach.db under the working directory", () => {
    expect(resolveDatabaseTarget(undefined, "/srv/app")).toEqual({ provider: "sqlite", file: "/srv/app/data/kubecoach.db" });
    expect(resolveDatabaseTarget("  ", "/srv/app")).toEqual({ provider: "sqlite", file: "/srv/app/data/kubecoach.db" });
  });

  it("accepts SQLite files as file: URLs or paths", () => {
    expect(resolveDatabaseTarget("file:./db/dev.db", "/srv/app")).toEqual({ provider: "sqlite", file: "/srv/app/db/dev.db" });
    expect(resolveDatabaseTarget("file:/var/lib/kc.db", "/srv/app")).toEqual({ provider: "sqlite", file: "/var/lib/kc.db" });
    expect(resolveDatabaseTarget("kc.db", "/srv/app")).toEqual({ provider: "sqlite", file: path.resolve("/srv/app", "kc.db") });
  });

  it("recognises PostgreSQL URLs", () => {
    expect(resolveDatabaseTarget("postgres://u:p@db:5432/kc")).toEqual({ provider: "postgresql", url: "postgres://u:p@db:5432/kc" });
    expect(resolveDatabaseTarget("postgresql://u@db/kc").provider).toBe("postgresql");
  });

  it("refuses other databases and in-memory SQLite with a clear reason", () => {
    expect(() => resolveDatabaseTarget("mysql://u@db/kc")).toThrow(/postgres:\/\/ URL or a SQLite file/);
    expect(() => resolveDatabaseTarget("file::memory:")).toThrow(/vanish on restart/);
  });

  it("never prints a PostgreSQL password", () => {
    expect(describeTarget({ provider: "postgresql", url: "postgresql://kc:s3cret@db:5432/kc" })).toBe("postgresql postgresql://kc:***@db:5432/kc");
  });
});
