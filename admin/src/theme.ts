import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's theme with a CJK-first font stack and contrast that passes WCAG AA (GB/T 37668 follows WCAG
 * 2.0): Noto Sans CJK on Linux, Microsoft YaHei and PingFang elsewhere.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: { main: '#1565c0' }, secondary: { main: '#0d47a1' } },
  typography: {
    fontFamily:
      '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Helvetica Neue", Arial, sans-serif',
  },
};
