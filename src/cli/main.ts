import { commands } from './commands/index';
import type { Streams } from './command';

const defaultStreams: Streams = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
};

/** The help lists every command with its summary, from the command table (no command's module is loaded). */
function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'speechdraft — SpeechDraft 讲稿助手 命令行 (command line)',
    '',
    '用法 usage: speechdraft <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    '通用选项 common options:',
    '  --workspace DIR  工作区文件夹 (or SPEECHDRAFT_WORKSPACE; default ~/Documents/SpeechDraft)',
    '  --json           机器可读输出 machine-readable output',
    '  -h, --help       帮助 help',
  ].join('\n');
}

export async function main(argv: string[], streams: Streams = defaultStreams): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    streams.stdout(help() + '\n');
    return name ? 0 : 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    streams.stderr(`未知命令 unknown command: ${name}\n\n${help()}\n`);
    return 2;
  }
  // the option parsing and error reporting (with the contract's error type) load with the command, not for the help
  const [{ runCommand }, cmd] = await Promise.all([import('./command'), entry.load()]);
  return runCommand(cmd, rest, streams, entry.summary);
}
