import { ApiError } from '../../contract/define';
import { DOCX_LAYOUT_SETTINGS_KEY } from '../../contract/docx';
import type { GongwenLayoutPatch } from '../../core/layout/gongwen';
import { formatMinutes, speechStats } from '../../core/layout/stats';
import { resolveInput } from '../../services/inputs/resolve';
import { call, type CliCommand } from '../command';

export const statsCommand: CliCommand = {
  name: 'stats',
  usage:
    'speechdraft stats FILE|ID [--speed 字每分钟] [--workspace DIR] [--json]\n' +
    '  页数按公文版式（每页 22 行、每行 28 字）估算；文稿编号用工作区的语速和版式设置，文件用默认值（每分钟 220 字）',
  options: { speed: { type: 'string' } },
  async run(io) {
    const [target, extra] = io.positionals;
    if (!target) throw new ApiError('invalid-input', '请给出文稿编号或文件 (missing FILE|ID)');
    if (extra) throw new ApiError('invalid-input', `多余的参数：${extra} (unexpected argument)`);
    const speedArg = io.values.speed as string | undefined;
    const speed = speedArg === undefined ? undefined : Number(speedArg);
    if (speed !== undefined && !(Number.isFinite(speed) && speed >= 30 && speed <= 1000)) throw new ApiError('invalid-input', `语速应为每分钟 30–1000 字：${speedArg}`);
    // FILE | ID | ID@VERSION | draft .json, by the one resolver.
    const input = await resolveInput(target, async () => (await io.services()).ctx, { what: '文稿编号或文件' });
    const doc = input.doc;
    const name = input.kind === 'version' ? `${input.name}@${input.label}` : input.name;
    let charsPerMinute = speed;
    let layout: GongwenLayoutPatch | undefined;
    if (input.kind === 'draft' || input.kind === 'version') {
      // a draft of the workspace: its reading speed and layout settings
      const settings = await call(io, 'settings.get', {});
      charsPerMinute ??= settings.charsPerMinute;
      layout = settings[DOCX_LAYOUT_SETTINGS_KEY] as GongwenLayoutPatch | undefined;
    }
    const s = speechStats(doc, { charsPerMinute, layout });
    if (io.json) io.outJson({ name, chars: s.chars, minutes: Math.round(s.minutes * 100) / 100, charsPerMinute: s.charsPerMinute, pages: s.pages, readingPages: s.readingPages });
    else io.out(`${name}\n  字数 ${s.chars}\n  预计时长 ${formatMinutes(s.minutes)}（每分钟 ${s.charsPerMinute} 字）\n  页数 ${s.pages}（公文版式 22 行 × 28 字）\n  念稿版 ${s.readingPages} 页（二号字）`);
  },
};
