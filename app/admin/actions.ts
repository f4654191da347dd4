"use server";
// Admin: change a user's role. Checked on the server; admins cannot demote themselves (so an
// installation always keeps an admin who can undo mistakes).
import { revalidatePath } from "next/cache";
import { requireRole } from "@/lib/auth/session";
import { isRole } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";

export async function setRoleAction(userId: string, role: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const admin = await requireRole("admin", "/admin");
  if (!isRole(role)) return { ok: false, error: "Unknown role." };
  if (userId === admin.id && role !== "admin") return { ok: false, error: "You cannot take the admin role from yourself." };
  const updated = await db.user.updateMany({ where: { id: userId }, data: { role } });
  if (updated.count === 0) return { ok: false, error: "No such user." };
  logger.info({ module: "admin", adminId: admin.id, userId, role }, "role changed");
  revalidatePath("/admin");
  return { ok: true };
}
