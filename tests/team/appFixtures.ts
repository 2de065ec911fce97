// A small synthetic speech for the app-side team-library tests (unit and e2e): readable, with a byline
// the importer recognises, and a passage a writer would paste into a draft.
export const SPEECH_TITLE = '在全市优化营商环境工作推进会上的讲话';
export const SPEECH_PASSAGE = '要把优化营商环境作为转变政府职能的关键抓手，以企业和群众的获得感作为检验工作成效的根本标准';
export const SPEECH = [
  SPEECH_TITLE,
  '王明（2024年3月15日）',
  '同志们：',
  '今天召开全市优化营商环境工作推进会，主要任务是总结去年以来的工作，部署今年的重点任务。',
  `${SPEECH_PASSAGE}，持续深化“放管服”改革，推动审批服务提速增效。`,
  '各级各部门要坚持问题导向，聚焦企业反映强烈的痛点堵点，拿出务实管用的举措，一项一项抓好落实。',
  '要加强督促检查，建立健全工作台账，确保各项任务落地见效，以优异成绩回报全市人民的信任和期待。',
  '',
].join('\n');

/** An edited copy of the speech (a near-duplicate: one source with it). */
export const SPEECH_COPY = SPEECH.replace('今天召开', '今天我们召开').replace('一项一项', '一项接着一项');

/** A draft that reuses the passage. */
export const DRAFT_TEXT = `关于下一步工作的几点意见\n我们${SPEECH_PASSAGE}，进一步激发市场主体活力。\n`;
