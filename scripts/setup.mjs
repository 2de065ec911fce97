#!/usr/bin/env node
// What the tests need from the system besides Node and npm, in one list: `npm run setup` installs what is
// missing with Debian's apt (as root); `node scripts/setup.mjs --check` (the first step of `npm test`) only
// looks, and stops in a second with the one command to run instead of failing deep inside a suite.
// .ci/run uses the same script, so CI and a newcomer's machine install the same packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The 公文 font names (仿宋_GB2312 …) mapped to the installed free fonts, for LibreOffice's page images.
const FONT_ALIASES = path.join(root, 'build/fontconfig/speechdraft-fonts.conf');
const FONT_ALIASES_INSTALLED = '/etc/fonts/conf.d/65-speechdraft-fonts.conf';
const sameFile = (a, b) => existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));

const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const fontFamilies = () => {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    return '';
  }
};
const pgBinDir = () => {
  if (onPath('initdb') && onPath('pg_ctl')) return 'PATH';
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const v = readdirSync(base).find((d) => existsSync(`${base}/${d}/bin/initdb`));
  return v ? `${base}/${v}/bin` : null;
};

/** Each requirement: what it is for, how to see it is there, and the Debian packages that bring it. */
export const REQUIREMENTS = [
  { what: 'Chromium (end-to-end tests)', present: () => existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium'), apt: ['chromium'] },
  { what: 'LibreOffice Writer (Word export checks)', present: () => onPath('libreoffice'), apt: ['libreoffice-writer-nogui'] },
  { what: 'poppler-utils: pdftotext, pdftoppm, pdfinfo (page checks)', present: () => onPath('pdftotext') && onPath('pdftoppm') && onPath('pdfinfo'), apt: ['poppler-utils'] },
  { what: 'GNU time (peak memory of the robustness suite)', present: () => existsSync('/usr/bin/time'), apt: ['time'] },
  { what: 'Noto CJK fonts (Chinese text in page images)', present: () => /Noto (Sans|Serif) CJK/i.test(fontFamilies()), apt: ['fonts-noto-cjk'] },
  { what: 'PostgreSQL 15 server binaries (team library tests)', present: () => pgBinDir() !== null, apt: ['postgresql'] },
  { what: "LibreOffice's Python bridge (accepting/rejecting tracked changes in tests)", present: () => spawnSync('/usr/bin/python3', ['-c', 'import uno'], { stdio: 'ignore' }).status === 0, apt: ['python3-uno'] },
  { what: 'AR PL UKai (a real 楷体 for page images)', present: () => /AR PL UKai/i.test(fontFamilies()), apt: ['fonts-arphic-ukai'] },
  { what: 'Fandol fonts (a real 仿宋 for page images; shipped with texlive-lang-chinese)', present: () => existsSync('/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf'), apt: ['texlive-lang-chinese'] },
  {
    what: 'fontconfig aliases 仿宋_GB2312/楷体_GB2312/方正小标宋简体 → the fonts above (build/fontconfig/)',
    present: () => sameFile(FONT_ALIASES, FONT_ALIASES_INSTALLED),
    apt: [],
    configure: () => {
      copyFileSync(FONT_ALIASES, FONT_ALIASES_INSTALLED);
      execFileSync('fc-cache', ['-f'], { stdio: 'ignore' });
    },
  },
];

export function missing() {
  return REQUIREMENTS.filter((r) => !r.present());
}

function main() {
  const check = process.argv.includes('--check');
  const absent = missing();
  if (!absent.length) {
    if (!check) console.log('setup: everything the tests need is installed');
    return 0;
  }
  const packages = [...new Set(absent.flatMap((r) => r.apt))];
  if (check) {
    console.error('测试所需的系统软件未安装 / missing system software the tests need:');
    for (const r of absent) console.error(`  - ${r.what}${r.apt.length ? `  (apt: ${r.apt.join(' ')})` : ''}`);
    console.error('\n请先运行 / run first:  sudo npm run setup');
    return 1;
  }
  if (process.getuid && process.getuid() !== 0) {
    console.error(`setup: apt-get needs root; run: sudo npm run setup   (packages: ${packages.join(' ')})`);
    return 1;
  }
  if (packages.length) {
    console.log(`setup: installing with apt: ${packages.join(' ')}`);
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  for (const r of absent) if (r.configure && !r.present()) r.configure();
  const still = missing();
  if (still.length) {
    console.error(`setup: still missing after apt: ${still.map((r) => r.what).join('; ')}`);
    return 1;
  }
  console.log('setup: done');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
