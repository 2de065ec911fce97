// The command table loads each command's module only when it runs: every entry must load the command it names.
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index';
import { main } from '../../src/cli/main';

describe('CLI command table', () => {
  it('loads, for every name, the command of that name, each listed once', async () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of commands) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(entry.summary).toMatch(/[\u4e00-\u9fff]/u);
    }
  });

  it('lists every command in the help, in the table order', async () => {
    let out = '';
    const code = await main(['--help'], { stdout: (s) => (out += s), stderr: () => undefined, env: {} });
    expect(code).toBe(0);
    const listed = out.split('\n').filter((l) => /^ {2}[a-z]/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(commands.map((c) => c.name));
  });

  it("heads a command's own --help with its line from the table", async () => {
    let out = '';
    const code = await main(['stats', '--help'], { stdout: (s) => (out += s), stderr: () => undefined, env: {} });
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe(commands.find((c) => c.name === 'stats')!.summary);
    expect(out).toContain('用法 usage: speechdraft stats');
  });

  it('names an unknown command with the help', async () => {
    let err = '';
    const code = await main(['nosuch'], { stdout: () => undefined, stderr: (s) => (err += s), env: {} });
    expect(code).toBe(2);
    expect(err).toContain('unknown command: nosuch');
    expect(err).toContain('  check ');
  });
});
