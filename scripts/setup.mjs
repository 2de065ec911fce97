#!/usr/bin/env node
// What the tests need from the system besides Node and npm, in one list: `npm run setup` installs what is
// missing with Debian's apt (as root); `node scripts/setup.mjs --check` (the first step of `npm test`) only
// looks, and stops in a second with the one command to run instead of failing deep inside a suite.
// .ci/run uses the same script, so CI and a newcomer's machine install the same packages.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

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
  { what: 'Noto CJK fonts (Chinese text in page images)', present: () => /Noto (Sans|Serif) CJK/i.test(fontFamilies()), apt: ['fonts-noto-cjk'] },
  { what: 'PostgreSQL 15 server binaries (team library tests)', present: () => pgBinDir() !== null, apt: ['postgresql'] },
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
    for (const r of absent) console.error(`  - ${r.what}  (apt: ${r.apt.join(' ')})`);
    console.error('\n请先运行 / run first:  sudo npm run setup');
    return 1;
  }
  if (process.getuid && process.getuid() !== 0) {
    console.error(`setup: apt-get needs root; run: sudo npm run setup   (packages: ${packages.join(' ')})`);
    return 1;
  }
  console.log(`setup: installing with apt: ${packages.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const still = missing();
  if (still.length) {
    console.error(`setup: still missing after apt: ${still.map((r) => r.what).join('; ')}`);
    return 1;
  }
  console.log('setup: done');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
