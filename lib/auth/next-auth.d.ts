// What Kubecoach keeps in the next-auth session and JWT: the database user id and role.
import type { DefaultSession } from "next-auth";
import type { Role } from "../../generated/prisma/enums";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
