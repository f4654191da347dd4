import type { ImageSpec, OsFamily } from "./images";

/**
 * The read-only lower layer of a container's filesystem: the files an image ships, built from its
 * OS family and its catalogue entry, cached per image (shared by every container, never copied).
 */
export interface ImageLayer {
  files: Map<string, string>;
  dirs: Set<string>;
}

const OS_RELEASE: Record<OsFamily, string> = {
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.2 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.2 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  busybox: "",
  distroless: 'PRETTY_NAME="Distroless"\nNAME="Debian GNU/Linux"\nID="debian"\nVERSION_ID="12"\nVERSION="Debian GNU/Linux 12 (bookworm)"\nHOME_URL="https://github.com/GoogleContainerTools/distroless"\nSUPPORT_URL="https://github.com/GoogleContainerTools/distroless/blob/master/README.md"\nBUG_REPORT_URL="https://github.com/GoogleContainerTools/distroless/issues/new"\n',
  scratch: "",
};

const PASSWD: Record<OsFamily, string> = {
  debian: "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
  ubuntu: "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nwww-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\nubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n",
  alpine: "root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
  busybox: "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n",
  distroless: "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n",
  scratch: "",
};

const cache = new Map<ImageSpec, ImageLayer>();

export function imageLayer(image: ImageSpec): ImageLayer {
  let layer = cache.get(image);
  if (layer) return layer;
  const files = new Map<string, string>();
  if (image.os !== "scratch") {
    if (OS_RELEASE[image.os]) files.set("/etc/os-release", OS_RELEASE[image.os]);
    files.set("/etc/passwd", PASSWD[image.os]);
    files.set("/etc/group", "root:x:0:\nbin:x:1:\ndaemon:x:2:\nnogroup:x:65534:\n");
    const binDir = image.os === "busybox" ? "/bin" : "/usr/bin";
    for (const bin of image.binaries) {
      const path = bin.startsWith("/") ? bin : `${binDir}/${bin}`;
      files.set(path, `\u007fELF ${bin}\n`);
    }
  } else {
    for (const bin of image.binaries) files.set(bin.startsWith("/") ? bin : `/${bin}`, `\u007fELF ${bin}\n`);
  }
  for (const [path, content] of Object.entries(image.files ?? {})) files.set(path, content);
  const dirs = new Set<string>(["/"]);
  const standard = image.os === "scratch" ? ["/dev", "/proc", "/sys", "/etc"] : ["/bin", "/dev", "/etc", "/home", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/local", "/var", "/var/log", "/var/tmp"];
  for (const d of standard) dirs.add(d);
  for (const path of files.keys()) {
    for (let i = path.indexOf("/", 1); i > 0; i = path.indexOf("/", i + 1)) dirs.add(path.slice(0, i));
  }
  if (image.workingDir) dirs.add(image.workingDir);
  layer = { files, dirs };
  cache.set(image, layer);
  return layer;
}
