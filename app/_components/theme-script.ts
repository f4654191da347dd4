// Runs in <head> before the first paint: applies the saved theme, or the system's, to
// <html data-theme> so a dark-mode user never sees a white flash.
export const THEME_STORAGE_KEY = "kubecoach-theme";

export const themeScript = `(function(){try{var s=localStorage.getItem("${THEME_STORAGE_KEY}");var d=s==="dark"||((s===null||s==="system")&&window.matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.setAttribute("data-theme",d?"dark":"light")}catch(e){}})()`;
