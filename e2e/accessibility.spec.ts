// What a keyboard or screen-reader user and a laptop screen need from the main pages: every
// control has an accessible name (from the browser's own accessibility tree), the skip link is
// the first stop of the Tab key and leads to the content, and nothing scrolls sideways at laptop
// widths.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

const PAGES = ["/", "/practice", "/practice/uncordon-and-verify", "/exams", "/learn", "/dashboard"];
const CONTROL = /^\s*- (button|link|textbox|searchbox|combobox|checkbox|radio|spinbutton|slider|switch|tab)(\s*\[[^\]]*\])*:?$/;

/** Lines of the page's ARIA snapshot for interactive elements that have no name. */
async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator("body").ariaSnapshot();
  return snapshot.split("\n").filter((line) => CONTROL.test(line));
}

test("the main pages name every control, start with a skip link and fit a laptop screen", async ({ page }) => {
  await signIn(page, DEMO.learner);
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator("main#main")).toBeVisible();
      expect(await unnamedControls(page), `unnamed controls on ${path}`).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    }
  }

  await page.goto("/practice");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  // The catalogue's search box is reachable from the keyboard and labelled.
  await expect(page.getByRole("searchbox").or(page.getByRole("textbox")).first()).toHaveAccessibleName(/.+/);
});
