import { useEffect, useState } from 'react';
import { browserStorage, loadTheme, saveTheme, type ThemeChoice } from '../lib/settings';

/** Puts the theme on <html data-theme>: "light"/"dark" force one; none follows prefers-color-scheme. */
export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Light, dark or the system's theme, remembered in localStorage. */
export function ThemeSwitch() {
  const storage = browserStorage();
  const [theme, setTheme] = useState<ThemeChoice>(() => loadTheme(storage));
  useEffect(() => applyTheme(theme), [theme]);
  return (
    <label className="theme-switch">
      <span className="visually-hidden">Theme</span>
      <select
        aria-label="Theme"
        value={theme}
        onChange={(event) => {
          const next = event.target.value === 'light' || event.target.value === 'dark' ? event.target.value : 'system';
          setTheme(next);
          saveTheme(storage, next);
        }}
      >
        <option value="system">System theme</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
