import { describe, expect, it } from "vitest";
import { lookupImage, parseImageRef } from "../images";

const lookup = (raw: string) => lookupImage(parseImageRef(raw)!);

describe("image catalogue", () => {
  it("knows the current nginx stable and mainline lines, with their alpine variants", () => {
    for (const raw of ["nginx:1.28", "nginx:1.28.0", "nginx:1.29", "nginx:1.28-alpine", "docker.io/library/nginx:1.29-alpine"]) expect(lookup(raw).found, raw).toBe(true);
  });

  it("refuses tags that were never published, as the registry does", () => {
    expect(lookup("nginx:1.28-broken")).toMatchObject({ found: false, reason: "tag" });
    expect(lookup("nginx:9.9")).toMatchObject({ found: false, reason: "tag" });
    expect(lookup("ngnix:1.28")).toMatchObject({ found: false, reason: "repository" });
  });
});
